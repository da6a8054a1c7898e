/**
 * Shadow styles. Theming goes only through the `--sl-fb-*` properties set on the element and
 * its `::part()`s; `--a`, `--b` and `--r` are private shorthands.
 */
export const styles = `:host{display:block;font-family:var(--sl-fb-font,inherit);color:var(--sl-fb-fg,inherit);--a:var(--sl-fb-accent,light-dark(#0a5fd1,#79b8ff));--b:var(--sl-fb-border,color-mix(in srgb,currentColor 35%,transparent));--r:var(--sl-fb-radius,6px)}
:host([color-scheme]){color:var(--sl-fb-fg,CanvasText);background:var(--sl-fb-surface,Canvas)}
:host([color-scheme=light]){color-scheme:light}
:host([color-scheme=dark]){color-scheme:dark}
:host([color-scheme=auto]){color-scheme:light dark}
[hidden]{display:none!important}
[part~=root],[part~=choices],[part~=reasons]{display:flex;flex-wrap:wrap;align-items:center;gap:var(--sl-fb-gap,.375rem)}
[part~=form]{display:flex;flex-direction:column;align-items:flex-start;gap:var(--sl-fb-gap,.375rem);flex-basis:100%}
button{font:inherit;color:inherit;min-width:var(--sl-fb-size,2rem);min-height:var(--sl-fb-size,2rem);padding:0 .5rem;display:inline-flex;align-items:center;justify-content:center;border:1px solid var(--b);border-radius:var(--r);background:var(--sl-fb-bg,transparent);cursor:pointer}
@media (pointer:coarse){button{min-width:var(--sl-fb-touch-size,44px);min-height:var(--sl-fb-touch-size,44px)}}
button:hover{border-color:currentColor}
:focus-visible{outline:2px solid var(--sl-fb-focus,var(--a));outline-offset:2px}
[aria-pressed=true]{background:var(--a);border-color:var(--a);color:var(--sl-fb-accent-fg,light-dark(#fff,#0d1117))}
button:disabled{opacity:.5;cursor:default}
svg{width:1.15em;height:1.15em;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round}
[part~=down] svg{transform:rotate(180deg)}
.stars button{border-color:transparent;background:none;color:inherit;padding:0}
.stars [data-on]{color:var(--sl-fb-star,#c98a00)}
[data-on] svg{fill:currentColor}
[part~=reason]{border-radius:1em;font-size:.875em}
label{display:flex;flex-direction:column;gap:.25rem;align-self:stretch;max-width:32rem}
textarea{font:inherit;color:inherit;background:var(--sl-fb-field,transparent);border:1px solid var(--b);border-radius:var(--r);padding:.375rem .5rem;min-height:4em;resize:vertical}
[part~=status]{font-size:.875em}
@media (forced-colors:active){[aria-pressed=true]{outline:2px solid}}`
