// The attribution rules added for issue 11's quality targets, one short invented text each
// (never corpus text): common-noun and bare-plural speakers, parenthetical attributions, a
// second speaker inside a reported clause, clause ends, talk verbs, run-on quotes.
import { describe, expect, it } from 'vitest'
import { draftStatements, type DraftStatement } from '../../src/extract/index.js'

const draft = (text: string): DraftStatement[] => draftStatements(text).statements
const only = (text: string): DraftStatement => {
  const d = draft(text)
  expect(d).toHaveLength(1)
  return d[0]!
}
const span = (s: DraftStatement): [number, number, string] => [s.evidence.start, s.evidence.end, s.evidence.text]
const mention = (s: DraftStatement): string | undefined => s.speakers[0]?.mention.text
/** Each drafted statement as [attribution, evidence text, speaker mention]. */
const drafted = (text: string): Array<[string, string, string | undefined]> => draft(text).map((s) => [s.attribution, s.evidence.text, mention(s)])

describe('speakers that are not names', () => {
  it('takes a common noun with its determiner before a sure verb of saying', () => {
    const s = only('The clinic said that it would hire two nurses.')
    expect(span(s)).toEqual([16, 45, 'that it would hire two nurses'])
    expect(s.speakers[0]!.mention).toEqual({ start: 0, end: 10, text: 'The clinic' })
  })

  it('keeps names inside a description ("the Ohio builder")', () => {
    expect(mention(only('The Ohio builder said the tower would open in May.'))).toBe('The Ohio builder')
  })

  it('takes another/each/every as determiners', () => {
    const s = only('The ferry will run on time, another official said.')
    expect(s.rule).toBe('clause-comma-speaker-verb')
    expect(mention(s)).toBe('another official')
  })

  it('takes a bare plural opening its clause, the reporter’s ", as ..." left out', () => {
    const s = only('The bus fare is too high for students, local parent groups said Tuesday, as they gathered at the depot.')
    expect(span(s)).toEqual([0, 37, 'The bus fare is too high for students'])
    expect(mention(s)).toBe('local parent groups')
  })

  it('takes the name before two appositives', () => {
    const s = only('“The toll is a burden on families,” Ana Ruiz, the mayor, a member of the regional board, said at a meeting.')
    expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: 35 } })
    expect(s.speakers[0]).toMatchObject({ name: 'Ana Ruiz', role: 'mayor', mention: { start: 36, end: 44, text: 'Ana Ruiz' } })
  })

  it('skips a time between the subject and the verb', () => {
    expect(mention(only('The harbour pilots just this week announced they would strike in June.'))).toBe('The harbour pilots')
  })

  it('finds no speaker before a passive', () => {
    expect(draft('A curfew was announced for the city center.')).toEqual([])
  })
})

describe('where the attribution stands in the sentence', () => {
  it('reads a sentence with a quoted phrase and a trailing "X said" as one statement', () => {
    const s = only('A driver who “never once checked the brakes” was fined, Ruiz said.')
    expect(s.rule).toBe('clause-comma-speaker-verb')
    expect(span(s)).toEqual([0, 54, 'A driver who “never once checked the brakes” was fined'])
    expect(mention(s)).toBe('Ruiz')
  })

  it('takes both sides of a parenthetical "X said" as the content', () => {
    const s = only('The new bridge, Ruiz said, will open in May.')
    expect(s.rule).toBe('clause-parenthetical-speaker-verb')
    expect(span(s)).toEqual([0, 43, 'The new bridge, Ruiz said, will open in May'])
  })

  it('reads ", adding that ..." after "X said" as the same speaker’s second statement', () => {
    const d = draft('The budget is balanced, Ruiz said, adding that taxes would not rise.')
    expect(d.map((s) => [s.rule, s.verb, s.evidence.text, mention(s)])).toEqual([
      ['clause-comma-speaker-verb', 'say', 'The budget is balanced', 'Ruiz'],
      ['participle-same-subject', 'add', 'that taxes would not rise', 'Ruiz'],
    ])
  })

  it('takes the hearer of "told" and a time as the end of the sentence', () => {
    const s = only('The park could reopen by spring, Ana Ruiz told The Daily Planet on Thursday.')
    expect(span(s)).toEqual([0, 31, 'The park could reopen by spring'])
    expect(mention(s)).toBe('Ana Ruiz')
  })
})

describe('where a reported clause ends', () => {
  it('ends the first content where a second speaker’s attribution begins', () => {
    const d = draft('Lopez said the clinic was full, and Ruiz said that the beds were on their way.')
    expect(d.map((s) => [s.rule, s.evidence.text, mention(s)])).toEqual([
      ['speaker-verb-that', 'the clinic was full', 'Lopez'],
      ['embedded-second-speaker', 'that the beds were on their way', 'Ruiz'],
    ])
  })

  it('ends at a semicolon and before ", and" opening a clause with its own subject', () => {
    expect(span(only('Ruiz said the plan was sound; the council will vote in May.'))).toEqual([10, 28, 'the plan was sound'])
    expect(span(only('Ruiz said the plan was sound, and the council will vote in May.'))).toEqual([10, 28, 'the plan was sound'])
  })

  it('joins a quote that follows in the same paragraph, which makes the statement direct', () => {
    const s = only('Ruiz said the plan was sound. “We checked every number twice.”')
    expect(s).toMatchObject({ attribution: 'direct-quote', rule: 'speaker-verb-that-split' })
    expect(span(s)).toEqual([10, 62, 'the plan was sound. “We checked every number twice.”'])
    expect(s.text).toBe('We checked every number twice.')
  })
})

describe('how much quoting makes a direct quote', () => {
  it('keeps a short quoted phrase inside reported speech a paraphrase', () => {
    // quoted: 0.34 and 0.46 of the clause's visible characters
    expect(only('Ruiz said the levy was “a tax on every family” and had to go before spring.').attribution).toBe('paraphrase')
    expect(only('Ruiz said the plan would “give families a fair rate” from next year.').attribution).toBe('paraphrase')
  })

  it('calls a clause direct when its quote is at least half of it', () => {
    expect(only('Ruiz said the levy was “a tax on every family in the valley.”').attribution).toBe('direct-quote')
  })

  it('calls a long quote (eight words or more) direct from 0.4 of the clause', () => {
    // quoted: 0.47 of the clause
    expect(only('Ruiz said the council backed a plan that would “give every family in the valley a fair rate” next year.').attribution).toBe('direct-quote')
  })
})

describe('verbs of talking', () => {
  it('takes the topic of "spoke about"', () => {
    const s = only('Ruiz spoke about the new tax plan.')
    expect(s).toMatchObject({ verb: 'speak', evidence: { start: 11, end: 33 } })
  })

  it('drafts nothing for "spoke to ..." and for the noun "rules"', () => {
    expect(draft('Ruiz spoke to reporters on Monday.')).toEqual([])
    expect(draft('The new rules limit parking.')).toEqual([])
  })
})

describe('more layouts', () => {
  it('reads a passive with "by": the subject is what was said, the agent its speaker', () => {
    const s = only('The ferry delay was reported by The Harbour Times on Monday.')
    expect(s).toMatchObject({ rule: 'passive-by-agent', verb: 'report', evidence: { start: 0, end: 15, text: 'The ferry delay' } })
    expect(s.speakers[0]!.mention).toEqual({ start: 32, end: 49, text: 'The Harbour Times' })
  })

  it('reads a noun of saying with its owner ("X’s claim that ...")', () => {
    const s = only("The mayor repeated Ana Ruiz's claim that the bridge was safe.")
    expect(s).toMatchObject({ rule: 'noun-cue-that', verb: 'claim', evidence: { start: 36, end: 60, text: 'that the bridge was safe' } })
    expect(s.speakers[0]!.mention).toEqual({ start: 19, end: 27, text: 'Ana Ruiz' })
  })

  it('keeps "“A,” she said, but “B.”" as one direct quote', () => {
    const s = only('“I like the plan,” she said, but “the money is not there.”')
    expect(s).toMatchObject({ attribution: 'direct-quote', rule: 'quote-speaker-verb-after-split', evidence: { start: 0, end: 58 } })
  })

  it('takes a person named by their work as a speaker', () => {
    expect(mention(only('“The patient is fit,” the family doctor said.'))).toBe('the family doctor')
  })
})

describe('speaker phrases around quotes', () => {
  it('takes "my" as a determiner', () => {
    expect(mention(only('"Our garden grows tomatoes," my aunt usually said.'))).toBe('my aunt')
  })

  it('skips a first verb of the same subject ("she smiled and said")', () => {
    const s = only('Later, she smiled and said, "The ferry is always late."')
    expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { start: 28, end: 55 } })
    expect(s.speakers[0]!.mention).toMatchObject({ start: 7, end: 10, text: 'she' })
  })

  it('keeps a short subject the quote goes on from, and a plain modifier before the speaker', () => {
    const s = only('Ruiz "has the patience to run the harbour board well," veteran nurse Ana Lopez said.')
    expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: 54 } })
    expect(s.speakers[0]).toMatchObject({ name: 'Ana Lopez', mention: { start: 63, end: 78, text: 'nurse Ana Lopez' } })
  })

  it('reads "and" before a determiner inside an appositive as part of it', () => {
    const s = only('Riverton, the league\'s oldest club and its biggest rival, said the fixture list was unfair.')
    expect(s.speakers[0]!.mention).toMatchObject({ start: 0, end: 8, text: 'Riverton' })
  })
})

describe('quote marks and loud verbs', () => {
  it('opens a quote at a wrong-facing mark before an ellipsis', () => {
    const s = only('”… and then the ferry left without us,” he said.')
    expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: 39 } })
  })

  it('reads "shouted" with the speaker after it', () => {
    const s = only('"Stop the vote!" shouted Ana Ruiz.')
    expect(s).toMatchObject({ attribution: 'direct-quote', verb: 'shout', evidence: { start: 0, end: 16 } })
    expect(mention(s)).toBe('Ana Ruiz')
  })

  it('takes a description after an inverted verb ("said the notice")', () => {
    const s = only('"Parking on the pier is banned," said the notice.')
    expect(s.speakers[0]!.mention).toEqual({ start: 38, end: 48, text: 'the notice' })
  })
})

describe('rules from the 2026-12-03 review of missed quotes', () => {
  it('closes a straight open quote at a curly close mark (mixed marks typed by hand)', () => {
    const text = '"The mayor has a huge platform, with the party behind him,” said Tom Reyes, a professor of law.'
    const s = only(text)
    expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: 59 } })
    expect(s.speakers[0]).toMatchObject({ name: 'Tom Reyes', role: 'professor of law' })
  })

  it('keeps curly pairs inside a straight quote as quotes within it', () => {
    const text = '"She called it “a farce” and left the hall," said Tom Reyes.'
    expect(only(text)).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: 44 } })
  })

  it('does not take a clause as the name in a second appositive', () => {
    const text = '"It is an invasion of our domain," Jane Doe, the attorney general of Kansas, one of the states suing the EPA, said.'
    const s = only(text)
    expect(s.evidence).toMatchObject({ start: 0, end: 34 })
    expect(s.speakers[0]).toMatchObject({ name: 'Jane Doe', role: 'attorney general of Kansas', mention: { start: 35, end: 43 } })
  })

  it('reads "the letter reads" as the letter saying it, and a person reading as nothing', () => {
    const s = only('"We see the schools giving parents hope," the letter reads.')
    expect(s).toMatchObject({ attribution: 'direct-quote', verb: 'read', evidence: { start: 0, end: 41 } })
    expect(mention(s)).toBe('the letter')
    expect(draft('"The Harbour at Night," Ana Ruiz reads aloud to the class.')).toEqual([])
  })

  it('takes "sings" as a verb of saying, and leaves the hearer out of the next quote', () => {
    const text = '“Keep your hands where I can see them,” Ana Ruiz sings to the mayor before asking her, “Where do we go from here?”'
    expect(drafted(text)).toEqual([
      ['direct-quote', '“Keep your hands where I can see them,”', 'Ana Ruiz'],
      ['direct-quote', '“Where do we go from here?”', 'Ana Ruiz'],
    ])
  })

  it('ends a reported clause where another speaker begins after a horizontal bar', () => {
    const text = 'When Ruiz noted that the depot had not paid rent for years \u2015 Lopez boasted, “That makes me smart.”'
    expect(drafted(text)).toEqual([
      ['paraphrase', 'that the depot had not paid rent for years', 'Ruiz'],
      ['direct-quote', '“That makes me smart.”', 'Lopez'],
    ])
  })

  it('splits at a second verb after "and" and an adverb', () => {
    const text = 'She urges her brother to leave the boat and repeatedly says, "Do not jump," until the siren stops.'
    const d = draft(text)
    expect(d.map((s) => [s.attribution, s.evidence.text])).toContainEqual(['direct-quote', '"Do not jump,"'])
  })

  it('ends a sentence after a decade ("the 1970s."), so the next quote goes on the split quote', () => {
    const text = '"It was a good deal for the port," said Tom Reyes, a professor who has sued shipping firms since the 1970s. "This company shed its debts."'
    expect(only(text)).toMatchObject({ attribution: 'direct-quote', rule: 'quote-verb-speaker-after-split', evidence: { start: 0, end: text.length } })
  })

  it('joins the halves of a split quote across a title in quotes', () => {
    const text = '“He is right,” Tom Reyes said on “Coffee Hour.” “There is a lot of frustration.”'
    expect(only(text)).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: text.length } })
  })

  it('keeps a quote going after "and" with an adverb ("Lopez said, and still “...”")', () => {
    const text = 'Ruiz "got a deal," Lopez said, and still "got to sit in on the interview."'
    expect(only(text)).toMatchObject({ attribution: 'direct-quote', evidence: { start: 0, end: text.length } })
  })

  it('calls a clause direct when a short quote of two words or more is most of it', () => {
    expect(only('Ruiz called the plan "a shameless giveaway" again.')).toMatchObject({ attribution: 'direct-quote', evidence: { text: 'the plan "a shameless giveaway" again' } })
    // a one-word scare quote does not make it direct
    expect(only('Ruiz called the plan "shameless" again.')).toMatchObject({ attribution: 'paraphrase' })
  })

  it('reads exhort, brand and characterize as verbs of saying', () => {
    expect(only('Japan branded the regime an "outlaw nation in the region."')).toMatchObject({ attribution: 'direct-quote', verb: 'brand' })
    expect(only('He characterized the mayor as, “a little desperate there, jumping in all the time.”')).toMatchObject({ attribution: 'direct-quote', verb: 'characterize' })
    expect(only('Ruiz exhorted voters to "vote your conscience" at the rally.')).toMatchObject({ verb: 'exhort' })
  })

  it('ends the content at a closed quote followed by the subject’s next act ("and left")', () => {
    const s = only('Ruiz exhorted voters to "vote your conscience" and left the stage.')
    expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { text: 'voters to "vote your conscience"' } })
  })

  it('takes a named speaker’s "saying, “...”" inside another clause as their quote', () => {
    expect(drafted('The ad ends with footage of Ruiz saying during the debate, “That makes me smart,” as the crowd laughs.')).toEqual([['direct-quote', '“That makes me smart,”', 'Ruiz']])
  })

  it('counts a "that" clause’s "that" in its quoted share: quoted words in reported speech stay a paraphrase', () => {
    // after "in the early hours" the content starts past its "that", and without it the clause
    // is just over half quoted (14 of 27 letters)
    expect(only('Ruiz wrote in the early hours that Lopez was “dishonest” and “a fake” and went to bed.'))
      .toMatchObject({ attribution: 'paraphrase', evidence: { text: 'Lopez was “dishonest” and “a fake”' } })
    // a quote that is most of the clause, "that" and all, is still direct
    expect(only('Ruiz wrote in the early hours that Lopez was “a dishonest man who lies to everyone” and went to bed.')).toMatchObject({ attribution: 'direct-quote' })
  })
})

describe('who closes a quote', () => {
  it('keeps a question and its speaker in one sentence for any verb of saying ("“...?” Hartnell demanded")', () => {
    // before, only a fixed list of verbs (said, asked, ...) held the sentence together, so the
    // question became the second half of Molloy's split quote
    expect(drafted('“We will win this,” Molloy said. “Why is the budget so late?” Hartnell demanded.')).toEqual([
      ['direct-quote', '“We will win this,”', 'Molloy'],
      ['direct-quote', '“Why is the budget so late?”', 'Hartnell'],
    ])
    // a sentence that goes on with no verb of saying is still its own
    expect(drafted('“Is this it?” The crowd fell silent.')).toEqual([])
    // and the speaker may have an appositive or a parenthesis before the verb
    expect(drafted('"Why now?" Ana Ruiz, the mayor, asked.')).toEqual([['direct-quote', '"Why now?"', 'Ana Ruiz']])
    expect(drafted('"Why now?" Sen. Ana Ruiz (D-Ohio) asked.')).toEqual([['direct-quote', '"Why now?"', 'Sen. Ana Ruiz']])
  })

  it('takes the one who tells, not the one told ("telling Keane that “...”")', () => {
    expect(drafted('Brandt and her aides have had sharp words for the hosts, telling Keane that "I am not happy with the way this show treats me."'))
      .toEqual([['direct-quote', '"I am not happy with the way this show treats me."', 'Brandt and her aides']])
  })

  it('gives a quote to the speaker right after it over a speaker earlier in the sentence', () => {
    expect(drafted('The statement also cited the change it said Molloy would bring: “Our union has fought long and hard, and this plan opens the door for workers everywhere,” the union wrote.'))
      .toEqual([['direct-quote', '“Our union has fought long and hard, and this plan opens the door for workers everywhere,”', 'the union']])
    // a later speaker after a conjunction does not take it: the quote stays the earlier speaker's
    const voters = drafted('Most voters said that Molloy is in "good enough health to serve as mayor," while 70 percent said the same of Brandt.')
    expect(voters.filter(([, text]) => text.includes('good enough health')).map(([, , who]) => who)).toEqual(['Most voters'])
  })

  it('calls the speaker’s own words after "according to" a direct quote, with the cue kept', () => {
    const s = only('According to Hartnell, “the budget is late because the council never met, and nobody wants to say so.”')
    expect(s).toMatchObject({ attribution: 'direct-quote', verb: 'according to', cue: { text: 'According to' } })
    expect(mention(s)).toBe('Hartnell')
    // a fact passed on with no quote marks stays according-to
    expect(only('According to Hartnell, the budget is late because the council never met.')).toMatchObject({ attribution: 'according-to' })
  })
})

describe('clauses and names the verb does not report', () => {
  it('drafts nothing for "said Friday as he entered", and the content after a later "that"', () => {
    expect(draft('Molloy said Friday as he entered the hall.')).toEqual([])
    expect(drafted('Molloy said as he entered the hall that the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'Molloy']])
    expect(drafted('Molloy spoke before the vote, and he said after the vote that the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'he']])
    // "said when ..." may be the question asked of them: it stays
    expect(drafted('The councillors have not said when they would vote on the plan.')).toEqual([['paraphrase', 'when they would vote on the plan', 'The councillors']])
  })

  it('keeps a name whole in decomposed text and in text decoded twice', () => {
    // "François" with a combining cedilla, and as UTF-8 read as Latin-1 leaves it
    for (const name of ['Franc\u0327ois Hollande', 'FranA\u0303\u0083A\u0302\u00a7ois Hollande']) {
      const s = only(`"Europe must be able to defend itself," President ${name} said Friday.`)
      expect(s).toMatchObject({ attribution: 'direct-quote', evidence: { text: '"Europe must be able to defend itself,"' } })
      expect(mention(s)).toBe(`President ${name}`)
    }
  })
})

describe('"according to" with quoted words', () => {
  it('takes what follows the source and its comma as the content, quoted or not', () => {
    // before, the content began at the first quote mark and lost "the builders ran a"
    expect(drafted('According to a complaint filed by the state, the builders ran a "massive ten-year fraudulent scheme" in which they "looted" the funds of investors.'))
      .toEqual([['according-to', 'the builders ran a "massive ten-year fraudulent scheme" in which they "looted" the funds of investors', 'a complaint']])
    expect(drafted('According to Hartnell, the budget is “late, very late.”')).toEqual([['direct-quote', 'the budget is “late, very late.”', 'Hartnell']])
  })

  it('skips the source’s own relative clause, and "asked not to be named" is no verb of saying', () => {
    expect(drafted('According to one of the aides, who asked not to be named because of the talks, “we are done with this plan.”'))
      .toEqual([['direct-quote', '“we are done with this plan.”', 'one of the aides']])
    expect(drafted('“We are done,” said an aide, who asked not to be identified.')).toEqual([['direct-quote', '“We are done,”', 'an aide']])
  })

  it('skips a day and its part ("said Wednesday night that")', () => {
    expect(only('Flynn said Wednesday night that the generals had been cut to the bone.')).toMatchObject({ evidence: { text: 'that the generals had been cut to the bone' } })
  })
})

describe('the subject of a second verb', () => {
  it('ends the content before ", but he ..." after a quote that closes on its comma', () => {
    expect(drafted('Molloy is promising lower rents and “homes, homes, homes,” but he has also sharpened his attacks on the council.'))
      .toEqual([['direct-quote', 'lower rents and “homes, homes, homes,”', 'Molloy']])
  })

  it('drafts the report after the first one stops ("“...,” but he said that ..."), which the split at ", but he" must not lose', () => {
    expect(drafted('Putney, the police chief, said that the video did not give "definitive visual evidence of a gun," but he said that the footage "supports what we have heard" about it.')).toEqual([
      ['direct-quote', 'that the video did not give "definitive visual evidence of a gun,"', 'Putney'],
      ['direct-quote', 'that the footage "supports what we have heard" about it', 'he'],
    ])
  })

  it('gives "and vowed", "while chanting" and "met X and said" the subject that opens the sentence', () => {
    expect(drafted('The mayor also outlined her housing plan and vowed to harshly punish “landlords who break the rules.”'))
      .toEqual([['direct-quote', 'to harshly punish “landlords who break the rules.”', 'The mayor']])
    expect(drafted('Small groups of protesters walked the streets while chanting, "Whose streets? Our streets."'))
      .toEqual([['direct-quote', '"Whose streets? Our streets."', 'Small groups of protesters']])
    expect(drafted('The mayor met the council and said the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'The mayor']])
    expect(drafted('The mayor and the council met and said the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'The mayor and the council']])
    // a verb not in the past is no report ("needs to ... and tell"), and a subordinate clause
    // between the subject and the verb has a subject of its own
    expect(draft('Molloy needs to sell herself and tell more jokes.')).toEqual([])
    expect(drafted('Ruiz was there when the guards found her and told her to leave.').map(([, , who]) => who)).not.toContain('Ruiz')
  })
})

describe('subjects with a participle phrase, and a described second speaker', () => {
  it('takes the subject before a participle phrase ("Protesters marching through the streets chanted")', () => {
    expect(drafted('Protesters marching through the streets chanted "What curfew?" and kept going until dawn.')).toEqual([['direct-quote', '"What curfew?"', 'Protesters']])
    // "speaking on condition of anonymity" says why a source is not named: no statement of its own
    expect(drafted('Two officials speaking on condition of anonymity said the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'Two officials']])
    // not through a participle that follows a verb or a conjunction
    expect(draft('His aides forced a change, replacing it with softer language calling for "appropriate assistance" to the region.')).toEqual([])
  })

  it('gives a quote to a described second speaker whose verb opens it ("..., the mother of three replied, “...”")', () => {
    expect(drafted('She said fathers would not be eligible for the leave, and when pressed on why, the 34-year-old mother of three replied, "It is meant to benefit the mother who gave birth."')).toEqual([
      ['paraphrase', 'fathers would not be eligible for the leave, and when pressed on why', 'She'],
      ['direct-quote', '"It is meant to benefit the mother who gave birth."', 'the 34-year-old mother of three'],
    ])
  })
})

describe('a described speaker named in an appositive after a quote', () => {
  it('takes "“...!” Molloy’s niece, state Del. Marta Ruiz (D-Norfolk), shouted" as Ruiz’s, split quote and all', () => {
    const [s, ...rest] = draft('"This is a big year for our town!" Molloy\'s niece, state Del. Marta Ruiz (D-Norfolk), shouted to the crowd. "The county is watching us."')
    expect(rest).toEqual([])
    expect(s).toMatchObject({ attribution: 'direct-quote', rule: 'quote-speaker-verb-after-split' })
    expect(s!.speakers[0]).toMatchObject({ name: 'Marta Ruiz', mention: { text: 'state Del. Marta Ruiz' } })
    // "Del." is an abbreviation, not the end of a sentence
    expect(drafted('Molloy\'s niece, state Del. Marta Ruiz (D-Norfolk), said the county was watching.')).toEqual([['paraphrase', 'the county was watching', 'state Del. Marta Ruiz']])
  })
})

describe('words that name no one', () => {
  it('takes no year, number or lone party adjective for a speaker, and skips "in 2010" before the verb', () => {
    expect(draft('The paper published his returns from 1995 that showed large losses.').map((s) => mention(s))).not.toContain('1995')
    expect(draft('Republican support was more solid than expected.')).toEqual([])
    expect(drafted('Ruiz has clashed with Molloy, who in 2010 said the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'who']])
    expect(only('Ruiz has clashed with Molloy, who in 2010 said the plan was dead.').speakers[0]).toMatchObject({ name: 'Molloy' })
  })

  it('skips an opening participle phrase for the sentence’s subject, and reads "9/11" as one word', () => {
    expect(drafted('Chastened by the analyses, Molloy revised his plan, promising to focus on families.')).toEqual([['paraphrase', 'to focus on families', 'Molloy']])
    expect(only('“The veto does not hold,” said 9/11 widow Terra Moss.').speakers[0]).toMatchObject({ name: 'Terra Moss', mention: { text: '9/11 widow Terra Moss' } })
  })

  it('leaves the "that" opening a clause out of the speaker’s mention ("shows that Clinton said")', () => {
    expect(drafted('The transcript of the debate shows that Molloy said the plan was dead.')).toEqual([['paraphrase', 'the plan was dead', 'Molloy']])
  })
})

describe('where the reporter takes over again', () => {
  it('ends the content at a dash after a closed quote, not at a dash pair inside the clause', () => {
    expect(drafted('Another critic, Ana Ruiz, likened the rules to "burning the town charter" - a charge that might have stung, since Ruiz was his mentor.'))
      .toEqual([['direct-quote', 'the rules to "burning the town charter"', 'Ana Ruiz']])
    expect(drafted('Ruiz called the plan "a disgrace" — a word the mayor rejected.')).toEqual([['direct-quote', 'the plan "a disgrace"', 'Ruiz']])
    expect(drafted('Ruiz said the plan - which passed in May - was a mistake.')).toEqual([['paraphrase', 'the plan - which passed in May - was a mistake', 'Ruiz']])
  })

  it('takes the charge of "accused X of ..." as the content, the accused left out', () => {
    expect(drafted('The mayor accused the council, and its chair, of "gross negligence."')).toEqual([['direct-quote', 'of "gross negligence."', 'The mayor']])
    expect(drafted('Ruiz accused Molloy of lying about the budget.')).toEqual([['paraphrase', 'of lying about the budget', 'Ruiz']])
  })
})

describe('the object of a verb of attitude or act', () => {
  it('ends at the reporter’s when, where and how ("attacked Okafor in a late-night post")', () => {
    expect(drafted('Rivera attacked Okafor in a late-night post.')).toEqual([['paraphrase', 'Okafor', 'Rivera']])
    expect(drafted('The mayor praised the new transit plan during a visit to the depot on Monday.')).toEqual([['paraphrase', 'the new transit plan', 'The mayor']])
    expect(drafted('Ruiz described the deal as “a disaster in the making” at a rally on Sunday.')).toEqual([['direct-quote', 'the deal as “a disaster in the making”', 'Ruiz']])
  })

  it('reads "called for" as the verb, its object as the content', () => {
    expect(drafted('The union called for a full audit in a statement on Friday.')).toEqual([['paraphrase', 'a full audit', 'The union']])
  })

  it('keeps a relative clause whole, and splits at a second reporting verb instead', () => {
    expect(drafted('Some council members expressed doubts about a budget that could shift money in the coming year.'))
      .toEqual([['paraphrase', 'doubts about a budget that could shift money in the coming year', 'Some council members']])
    expect(drafted('Okafor criticized the fare increase, saying “riders cannot pay more.”'))
      .toEqual([['paraphrase', 'the fare increase', 'Okafor'], ['direct-quote', '“riders cannot pay more.”', 'Okafor']])
  })

  it('takes no day for an object, and keeps a "which" clause in what was said', () => {
    expect(draft('Ruiz attacked Tuesday.')).toEqual([])
    expect(drafted('Lee said the bridge would close in May, which would force commuters onto ferries.'))
      .toEqual([['paraphrase', 'the bridge would close in May, which would force commuters onto ferries', 'Lee']])
  })
})
