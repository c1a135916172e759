package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/service/accounts"
)

// apiCorrectEnterprise corrects an enterprise's name, credit code or clusters (admin).
func (h *Handler) apiCorrectEnterprise(c *fiber.Ctx) error {
	var in accounts.Correction
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.accounts.CorrectEnterprise(c.UserContext(), callerOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e)
}

// pageEditEnterprise is the admin's correction form.
func (h *Handler) pageEditEnterprise(c *fiber.Ctx) error {
	e, err := h.ents.Record(c.UserContext(), callerOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	form := map[string]string{"name": e.Name, "uscc": e.USCC, "clusters": strings.Join(e.Clusters, ",")}
	return h.render(c, fiber.StatusOK, "trust/enterprise", &enterpriseCorrectionView{Page: Page{Form: form}, E: e})
}

// formEditEnterprise saves the correction.
func (h *Handler) formEditEnterprise(c *fiber.Ctx) error {
	name, uscc, clusters := c.FormValue("name"), c.FormValue("uscc"), formValues(c, "clusters")
	e, err := h.accounts.CorrectEnterprise(c.UserContext(), callerOf(c), c.Params("id"),
		accounts.Correction{Name: &name, USCC: &uscc, Clusters: &clusters})
	if err != nil {
		a := classify(currentLocale(c), err)
		if a.internal || a.status == fiber.StatusNotFound || a.status == fiber.StatusForbidden {
			return err
		}
		cur, gerr := h.ents.Record(c.UserContext(), callerOf(c), c.Params("id"))
		if gerr != nil {
			return gerr
		}
		form := map[string]string{"name": name, "uscc": uscc, "clusters": strings.Join(clusters, ",")}
		return h.render(c, a.status, "trust/enterprise", &enterpriseCorrectionView{Page: Page{Form: form, Errors: a.fields}, E: cur})
	}
	return h.redirectWithFlash(c, "/enterprises/"+e.ID, "success", "trust.ent.saved")
}
