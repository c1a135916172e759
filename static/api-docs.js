// Renders /api/v1/openapi.json with the vendored Swagger UI (static/vendor/swagger-ui), no CDN.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle !== "function") return;
  SwaggerUIBundle({
    url: el.getAttribute("data-spec"),
    domNode: el,
    deepLinking: true,
    docExpansion: "none",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false
  });
});
