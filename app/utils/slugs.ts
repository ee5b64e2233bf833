// Readable URL words from any text, one rule for idea, update, status, category and tag slugs and
// for people's handles: accents dropped ("Crème" → "creme"), lower case, every run of other
// characters one hyphen, none at either end. Each kind of slug adds its own length and fallback.
export function slugWords(text: string) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
