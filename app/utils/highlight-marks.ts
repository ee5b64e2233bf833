// The private-use characters a search wraps its matches in (ts_headline's StartSel and StopSel),
// which `Highlighted` turns into <mark>: never HTML, so nothing a person typed becomes markup. Not
// U+E000–U+E002, which mark the fill-ins of a page rendered once (page-templates.server.ts): a page
// whose data held those would never be kept, and a search page could not be answered from its
// templates (issue 19).
export const HIGHLIGHT_START = '\uE010'
export const HIGHLIGHT_END = '\uE011'
