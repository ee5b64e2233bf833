// Every dictionary, for the server: it renders any page and email in either language. The browser
// build gets an empty module in its place and loads only the page's language (load-dictionary.ts).
import { en } from './en'
import { nl } from './nl'

export const serverDictionaries = { en, nl }
