// The words the large data set writes with: names, idea titles, descriptions, comments and team
// answers in English and Dutch, plus the search words the benchmark and the plan tests look for.
// ASCII only, so the slugs the seed computes in SQL equal what slugify() makes of the titles.

/** Words to search for: common ones match thousands of ideas at full scale, rare ones a handful. */
export const LARGE_DATA_SEARCH_WORDS = {
  common: { en: 'coffee', nl: 'koffie' },
  rare: { en: 'oatmeal', nl: 'havermout' },
} as const

export const firstNames = {
  en: ['James', 'Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Grace', 'Oscar', 'Chloe', 'Henry', 'Ruby', 'Jack', 'Isla', 'Leo', 'Amelia', 'Harry', 'Sophie'],
  nl: ['Daan', 'Sanne', 'Sem', 'Lotte', 'Bram', 'Fleur', 'Thijs', 'Anouk', 'Jesse', 'Eva', 'Ruben', 'Iris', 'Lars', 'Noor', 'Joris', 'Femke', 'Niels', 'Maud', 'Stijn', 'Roos'],
}

export const lastNames = {
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Walker', 'Wright', 'Hughes', 'Green', 'Hall', 'Wood', 'Clarke', 'Baker', 'Turner'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker'],
}

/**
 * Title parts, most frequent first (the seed picks early entries more often): a title is
 * "<opener> <adjective> <noun><place>". Slots in the sentences below take the same words.
 */
export const titleParts = {
  en: {
    openers: ['Add', 'Offer', 'More', 'Bring back', 'Please add', 'Cheaper', 'Better', 'Free', 'Introduce', 'Start selling', 'Improve the', 'Reward'],
    adjectives: ['vegan', 'seasonal', 'organic', 'local', 'fresh', 'sugar-free', 'gluten-free', 'iced', 'warm', 'bigger', 'smaller', 'reusable', 'healthy', 'lactose-free', 'decaf', 'homemade', 'spicy', 'late-night', 'quiet', 'colourful'],
    nouns: ['oat milk lattes', 'sandwiches', 'cups', 'croissants', 'loyalty points', 'payment options', 'coffee refills', 'espresso drinks', 'pastries', 'seats', 'power sockets', 'salads', 'smoothies', 'cookies', 'refill stations', 'opening hours', 'gift cards', 'breakfast menus', 'soups', 'bike racks', 'water bottles', 'playgrounds', 'study corners', 'recycling bins', 'tea blends'],
    places: ['', ' in every store', ' at the station', ' in the app', ' at the airport', ' on weekends', ' for students', ' in the morning', ' near the office', ' for kids', ' at drive-throughs', ' in winter', ' in summer', ' at the counter'],
  },
  nl: {
    openers: ['Meer', 'Graag', 'Betere', 'Goedkopere', 'Gratis', 'Breng terug:', 'Voeg toe:', 'Verkoop', 'Nieuwe', 'Beloon', 'Verbeter de', 'Extra'],
    adjectives: ['vegan', 'seizoens', 'biologische', 'lokale', 'verse', 'suikervrije', 'glutenvrije', 'ijskoude', 'warme', 'grotere', 'kleinere', 'herbruikbare', 'gezonde', 'lactosevrije', 'cafeinevrije', 'huisgemaakte', 'pittige', 'rustige', 'kleurrijke', 'duurzame'],
    nouns: ['havermelk', 'broodjes', 'bekers', 'croissants', 'spaarpunten', 'betaalopties', 'koffie', 'espresso', 'gebak', 'zitplaatsen', 'stopcontacten', 'salades', 'smoothies', 'koekjes', 'navulpunten', 'openingstijden', 'cadeaukaarten', 'ontbijtmenu', 'soepen', 'fietsenrekken', 'waterflessen', 'speelhoeken', 'studieplekken', 'afvalbakken', 'theesoorten'],
    places: ['', ' in elke winkel', ' op het station', ' in de app', ' op Schiphol', ' in het weekend', ' voor studenten', ' in de ochtend', ' bij kantoor', ' voor kinderen', ' bij de drive-through', ' in de winter', ' in de zomer', ' aan de balie'],
  },
}

/** Description sentences, most frequent first; {adj}, {noun}, {noun2} and {place} are filled in. */
export const descriptionSentences = {
  en: [
    'I visit your stores almost every day and would love to see {adj} {noun}{place}.',
    'Right now I have to go elsewhere for {adj} {noun}, which is a shame.',
    'Many of my colleagues ask for this too.',
    'It would make the morning rush a lot easier.',
    'Other chains already offer {noun}, so it should not be too hard.',
    'Please consider {noun} with {noun2} as an option.',
    'The {noun2} could be cheaper when you bring your own cup.',
    'This would also help the environment because there would be less waste.',
    'My kids would love it.',
    'It would be even better if the app showed when {noun} are available.',
    'I would happily pay a little extra for it.',
    'Thanks for listening to your customers!',
  ],
  nl: [
    'Ik kom bijna elke dag in jullie winkels en zou graag {adj} {noun}{place} zien.',
    'Nu moet ik voor {adj} {noun} naar een andere zaak, en dat is jammer.',
    'Veel collega\'s vragen hier ook om.',
    'Het zou de ochtendspits een stuk makkelijker maken.',
    'Andere koffieketens hebben al {noun}, dus zo moeilijk kan het niet zijn.',
    'Overweeg alsjeblieft {noun} met {noun2} als optie.',
    'De {noun2} mogen best goedkoper als je je eigen beker meeneemt.',
    'Dit is ook beter voor het milieu, want er is minder afval.',
    'Mijn kinderen zouden het geweldig vinden.',
    'Nog mooier als de app laat zien wanneer er {noun} zijn.',
    'Ik betaal er graag iets extra voor.',
    'Bedankt dat jullie naar je klanten luisteren!',
  ],
}

/** Words only a handful of ideas use, in a sentence of their own ({rare} is filled in). */
export const rareWords = {
  en: ['oatmeal', 'cardamom', 'kombucha', 'saffron'],
  nl: ['havermout', 'speculaas', 'stroopwafel', 'kruidnoten'],
}

export const rareSentence = {
  en: 'Something with {rare} would be a great addition.',
  nl: 'Iets met {rare} zou een mooie aanvulling zijn.',
}

export const commentSentences = {
  en: [
    'Yes please, I would use this every day.',
    'Same here, I really miss this.',
    'Any news on this?',
    'Great idea, I voted for it.',
    'I asked the staff at my store and they liked it too.',
    'Not sure about this, the current menu is fine for me.',
    'This would make my commute so much better.',
    'Please also think about people with allergies.',
    'My whole office would switch to you for this.',
    'It works really well at other chains.',
  ],
  nl: [
    'Ja graag, ik zou dit elke dag gebruiken.',
    'Hier ook, ik mis dit echt.',
    'Is hier al nieuws over?',
    'Goed idee, ik heb gestemd.',
    'Ik vroeg het in mijn winkel en het personeel vond het ook leuk.',
    'Weet ik niet, het huidige menu is prima voor mij.',
    'Dit zou mijn reis naar werk een stuk beter maken.',
    'Denk ook aan mensen met allergieen.',
    'Mijn hele kantoor zou hiervoor overstappen.',
    'Bij andere ketens werkt dit heel goed.',
  ],
}

/** What the team says when it moves an idea to a status (English: the team writes in English). */
export const statusResponses: Record<string, string> = {
  'under-review': 'Thanks for the idea! We are looking into it with the store teams.',
  planned: 'Good news: this is planned. We will share more when we know the date.',
  'in-progress': 'We are working on this right now.',
  implemented: 'This is now available in our stores. Thank you for the suggestion!',
  declined: 'We looked at this carefully, but it does not fit our plans right now.',
}
