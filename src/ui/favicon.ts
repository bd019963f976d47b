/**
 * The UI's icon: a timeline of worker lanes (green passes, one red failure), drawn inline so the
 * service needs no image file or CDN. Served at FAVICON_PATH; web/index.html links it.
 */
export const FAVICON_PATH = '/favicon.svg';
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#24292f"/>
<rect x="5" y="7" width="13" height="4" rx="1" fill="#2e8540"/><rect x="20" y="7" width="7" height="4" rx="1" fill="#2e8540"/>
<rect x="5" y="14" width="6" height="4" rx="1" fill="#2e8540"/><rect x="13" y="14" width="14" height="4" rx="1" fill="#dc143c"/>
<rect x="5" y="21" width="17" height="4" rx="1" fill="#2e8540"/><rect x="24" y="21" width="3" height="4" rx="1" fill="#1f6feb"/>
</svg>
`;
