package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"duijie/domain"
	"duijie/store"
)

// seedTrust puts a self-signed-up firm with its business licence in the organiser's
// verification queue, and a second one not verified yet, so the queue, its counts and the
// "verify to see contacts" notice have something to show.
func seedTrust(ctx context.Context, st *store.Store, env *Env) error {
	now := env.Now
	for i, s := range []struct {
		name, area string
		licence    bool
	}{
		{"无锡新芯感知科技有限公司", "320214", true},
		{"无锡云启物联网技术有限公司", "320211", false},
	} {
		e := &domain.Enterprise{
			ID: domain.NewID(), Name: s.name, USCC: domain.CompleteUSCC(fmt.Sprintf("91%sMADV%05d", s.area, i+1)),
			Clusters: []string{"L1"}, IndustryCodes: []string{"C3973"}, HSCodes: []string{}, Products: []string{"温湿度传感器"},
			Description: "新注册企业，待认证", Certifications: []string{}, Region: s.area, Tier: domain.TierEmerging,
			Scale: domain.ScaleSmall, ExportMarkets: []string{}, Status: domain.EnterpriseActive,
			Contact:      domain.Contact{Name: "李工", Email: fmt.Sprintf("li%d@startup.example.cn", i+1), Phone: "13800000000"},
			Verification: domain.VerificationUnverified, CreatedAt: now, UpdatedAt: now,
		}
		if err := st.Enterprises.Create(ctx, e); err != nil {
			return fmt.Errorf("create %s: %w", e.Name, err)
		}
		if !s.licence {
			continue
		}
		img, err := licenceImage()
		if err != nil {
			return err
		}
		if err := st.Licences.Put(ctx, &domain.Licence{EnterpriseID: e.ID, FileName: "营业执照.png", ContentType: "image/png",
			Data: img, UploadedAt: now}); err != nil {
			return fmt.Errorf("licence of %s: %w", e.Name, err)
		}
		if _, err := st.Enterprises.SetVerification(ctx, e.ID, domain.VerificationPending, "", now); err != nil {
			return fmt.Errorf("queue %s: %w", e.Name, err)
		}
	}
	return nil
}

// licenceImage draws a plain placeholder licence: a framed card, enough to open in the queue.
func licenceImage() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 420, 300))
	red := color.RGBA{0xc8, 0x10, 0x2e, 0xff}
	for y := 0; y < 300; y++ {
		for x := 0; x < 420; x++ {
			c := color.RGBA{0xfb, 0xf7, 0xee, 0xff}
			if x < 8 || y < 8 || x >= 412 || y >= 292 || (y > 40 && y < 48 && x > 120 && x < 300) {
				c = red
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("licence image: %w", err)
	}
	return b.Bytes(), nil
}
