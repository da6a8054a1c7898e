import { describe, expect, it } from 'vitest'
import {
  allTypeConfigs,
  confidenceConfig,
  groundedConfig,
  noteConfig,
  qualityConfig,
  reviewConfigs,
  verdictConfig,
} from './test-utils/fixtures'
import { draftToScores, issuesToErrors, numberKeyTarget, validateDraft, valueForNumberKey } from './score-draft'

describe('number keys', () => {
  it('pick categories and yes/no by position, and integer scales by value', () => {
    expect(valueForNumberKey(verdictConfig, 2)).toBe('partly correct')
    expect(valueForNumberKey(verdictConfig, 4)).toBeUndefined()
    expect(valueForNumberKey(groundedConfig, 1)).toBe(true)
    expect(valueForNumberKey(groundedConfig, 2)).toBe(false)
    expect(valueForNumberKey(qualityConfig, 4)).toBe(4)
    expect(valueForNumberKey(qualityConfig, 0)).toBeUndefined()
    expect(valueForNumberKey(confidenceConfig, 2)).toBe(0.25)
    expect(valueForNumberKey(noteConfig, 1)).toBeUndefined()
  })

  it('go to the focused config, else the first unanswered one that takes them', () => {
    expect(numberKeyTarget(reviewConfigs, {}, null)).toBe(verdictConfig)
    expect(numberKeyTarget(reviewConfigs, { [verdictConfig.id]: 'correct' }, null)).toBe(qualityConfig)
    expect(numberKeyTarget(reviewConfigs, { [verdictConfig.id]: 'correct', [qualityConfig.id]: 3 }, null)).toBeNull()
    expect(numberKeyTarget(reviewConfigs, { [verdictConfig.id]: 'correct', [qualityConfig.id]: 3 }, verdictConfig.id)).toBe(verdictConfig)
    // A note takes no number keys: they go on to the first unanswered one.
    expect(numberKeyTarget(reviewConfigs, {}, noteConfig.id)).toBe(verdictConfig)
  })
})

describe('validateDraft', () => {
  it('asks for every config but notes, and checks values with the server’s rules', () => {
    expect(validateDraft(allTypeConfigs, {})).toEqual({
      [verdictConfig.id]: 'Pick a verdict',
      [qualityConfig.id]: 'Give quality a value',
      [groundedConfig.id]: 'Answer grounded: yes or no',
      [confidenceConfig.id]: 'Give confidence a value',
    })
    expect(
      validateDraft(allTypeConfigs, {
        [verdictConfig.id]: 'correct',
        [qualityConfig.id]: 7,
        [groundedConfig.id]: true,
        [confidenceConfig.id]: 0.3,
      }),
    ).toEqual({
      [qualityConfig.id]: 'quality is at most 5',
      [confidenceConfig.id]: 'confidence moves in steps of 0.25',
    })
    expect(validateDraft([noteConfig], { [noteConfig.id]: '  ' })).toEqual({ [noteConfig.id]: 'Give at least one answer' })
  })

  it('turns answers into scores, leaving out blank notes', () => {
    const draft = { [verdictConfig.id]: 'correct', [qualityConfig.id]: 4, [noteConfig.id]: '  ' }
    expect(validateDraft(reviewConfigs, draft)).toEqual({})
    expect(draftToScores(reviewConfigs, draft)).toEqual([
      { configId: verdictConfig.id, value: 'correct' },
      { configId: qualityConfig.id, value: 4 },
    ])
  })

  it('maps the server’s issue paths back to the fields that were sent', () => {
    const sent = [
      { configId: verdictConfig.id, value: 'correct' },
      { configId: qualityConfig.id, value: 9 },
    ]
    expect(
      issuesToErrors(
        [
          { path: ['scores', 1, 'value'], message: 'quality is at most 5' },
          { path: ['reviewer'], message: 'name the reviewer' },
        ],
        sent,
      ),
    ).toEqual({ fields: { [qualityConfig.id]: 'quality is at most 5' }, form: ['reviewer: name the reviewer'] })
  })
})
