import { describe, expect, it } from 'vitest'
import { EvalSkip } from '../types'
import { language, languageName, toDetectable } from './language'
import { configError, out, run, subject } from './test-utils/subject'

const texts = {
  en: 'The weather today is lovely, and we are going for a long walk along the river after lunch.',
  fr: "Le temps est magnifique aujourd'hui et nous allons faire une longue promenade le long de la rivière.",
  de: 'Das Wetter ist heute herrlich und wir machen nach dem Mittagessen einen langen Spaziergang am Fluss.',
  es: 'Hoy hace un tiempo precioso y después de comer vamos a dar un largo paseo por la orilla del río.',
  ja: '今日はとても良い天気なので、昼食の後に川沿いを長く散歩するつもりです。',
  ru: 'Привет! Я могу помочь вам с этим вопросом. Расскажите, пожалуйста, подробнее, что именно вас интересует.',
}

describe('codes', () => {
  it('reads ISO 639-1, 639-3 and bibliographic codes', () => {
    expect(toDetectable('en')).toBe('eng')
    expect(toDetectable('ENG')).toBe('eng')
    expect(toDetectable('ger')).toBe('deu')
    expect(toDetectable('zh')).toBe('cmn')
    expect(toDetectable('ceb')).toBe('ceb')
    expect(toDetectable('fi')).toBeNull()
    expect(languageName('fra')).toBe('French (fra)')
  })
})

describe('language', () => {
  it('detects the expected language', () => {
    for (const [code, text] of Object.entries(texts)) expect(run(language, out(text), { expected: code }).value, code).toBe(true)
    expect(run(language, out(texts.fr), { expected: 'fra' })).toMatchObject({
      value: true,
      dataType: 'boolean',
      comment: 'detected French (fra)',
    })
  })
  it('is false for another language, naming both', () => {
    expect(run(language, out(texts.de), { expected: ['en', 'fr'] })).toMatchObject({
      value: false,
      comment: 'detected German (deu), expected English (eng) or French (fra)',
    })
  })
  it('reads chat messages and the input', () => {
    expect(run(language, out([{ role: 'assistant', content: texts.es }]), { expected: 'es' }).value).toBe(true)
    expect(run(language, subject({ input: texts.ru, output: texts.en }), { expected: 'ru', field: 'input' }).value).toBe(true)
  })
  it('skips texts too short to tell, counting letters only', () => {
    expect(() => run(language, out('Oui.'), { expected: 'fr' })).toThrow(EvalSkip)
    expect(() => run(language, out('12345 67890 {"a": 1} 🎉🎉🎉🎉🎉🎉🎉🎉'), { expected: 'en' })).toThrow(
      'too short to tell the language: 1 letters, 20 needed',
    )
    expect(() => run(language, out(null), { expected: 'en' })).toThrow(EvalSkip)
  })
  it('refuses unknown codes and empty lists', () => {
    expect(configError(language, { expected: 'fi' })).toContain('"fi" is not a language code this kind can detect')
    expect(configError(language, { expected: [] })).toContain('expected must name at least one language')
    expect(configError(language, {})).toContain('expected must be a language code or a list of them')
    expect(configError(language, { expected: 'en', minChars: 3 })).toContain('minChars must be at least 10')
  })
})
