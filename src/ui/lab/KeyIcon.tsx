/** The lock's key (an inline SVG: no emoji font needed, nothing fetched). */
export function KeyIcon({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="7" cy="12" r="4.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M11.5 12H22M18 12v4M21 12v3" stroke="currentColor" strokeWidth="2.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}
