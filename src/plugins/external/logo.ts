// whosaid's mark for Swagger UI's top bar. Inline, so the build and the image need no asset copy.
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="168" height="40" viewBox="0 0 168 40" role="img" aria-label="whosaid">
  <rect x="2" y="4" width="40" height="28" rx="8" fill="#f5b83d"/>
  <path d="M12 32 L10 39 L20 32 Z" fill="#f5b83d"/>
  <text x="22" y="24" font-family="Georgia, serif" font-size="20" font-weight="700" fill="#1b1b1b" text-anchor="middle">“”</text>
  <text x="52" y="27" font-family="Helvetica, Arial, sans-serif" font-size="22" font-weight="700" fill="#ffffff">whosaid</text>
</svg>`
