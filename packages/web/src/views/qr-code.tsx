import { encode } from "uqr";

/**
 * A QR code of a text as SVG, made here in the browser (no service is asked). Dark modules are one path of
 * unit squares; the quiet zone is part of the view box.
 */
export function QrCode(props: { readonly text: string; readonly label: string }) {
  const { data } = encode(props.text, { ecc: "M", border: 2 });
  const size = data.length;
  let path = "";
  for (const [y, row] of data.entries())
    for (const [x, dark] of row.entries()) if (dark) path += `M${x} ${y}h1v1h-1z`;
  return (
    <svg
      class="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
