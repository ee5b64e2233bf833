// Words the search scenarios look for: common ones match thousands of ideas in the large data
// set, rare ones a handful (see bench/seed-large.ts, which draws texts from these word lists).
export const searchWords = {
  commonEnglish: 'coffee',
  rareEnglish: 'oatmeal',
  commonDutch: 'koffie',
  rareDutch: 'havermout',
}
