import { z } from 'zod'
import type { EvaluatorField } from '../types'

export const JUDGE_DATA_TYPES = ['boolean', 'numeric', 'categorical'] as const

export const DEFAULT_JUDGE_PROMPT = `Question:
{{input}}

Answer:
{{output}}

Does the answer address the question correctly and helpfully?`

// A score's text is at most 1,000 characters (scoreValueSchema).
const category = z.string().trim().min(1, 'a category must not be empty').max(1000, 'a category is at most 1000 characters')

const outputSchema = z
  .object(
    {
      dataType: z.enum(JUDGE_DATA_TYPES, { error: 'output.dataType must be "boolean", "numeric" or "categorical"' }),
      min: z.number({ error: 'output.min must be a number' }).finite().optional(),
      max: z.number({ error: 'output.max must be a number' }).finite().optional(),
      categories: z.array(category, { error: 'output.categories must be a list of labels' }).max(100, 'at most 100 categories').optional(),
    },
    { error: 'output is required: { dataType: "boolean" | "numeric" | "categorical", min?, max?, categories? }' },
  )
  .superRefine((output, ctx) => {
    if (output.dataType === 'categorical') {
      const categories = output.categories ?? []
      if (categories.length < 2)
        ctx.addIssue({ code: 'custom', path: ['categories'], message: 'a categorical judge needs output.categories: at least 2 labels' })
      const duplicate = categories.find((c, i) => categories.indexOf(c) !== i)
      if (duplicate !== undefined)
        ctx.addIssue({ code: 'custom', path: ['categories'], message: `category "${duplicate}" is listed twice` })
    }
    if (output.dataType === 'numeric' && (output.min ?? 0) >= (output.max ?? 1))
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `output.min (${output.min ?? 0}) must be below output.max (${output.max ?? 1}); they default to 0 and 1`,
      })
  })
  // A numeric range is always explicit once parsed, so the prompt, the reply check and the form agree.
  .transform((output) => (output.dataType === 'numeric' ? { ...output, min: output.min ?? 0, max: output.max ?? 1 } : output))

const KEY_FIELDS = ['apiKey', 'api_key', 'key', 'token', 'authorization']

/**
 * The `llm-judge` config. The API key is never part of it: `apiKeyEnv` names a variable of the
 * server's environment that holds it, so keys are neither stored nor returned.
 */
export const judgeConfigSchema = z.strictObject(
  {
    /** an OpenAI-compatible API root: `{baseUrl}/chat/completions` is called */
    baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL, e.g. https://api.openai.com/v1' }).max(2000),
    model: z.string({ error: 'model is required, e.g. gpt-4o-mini' }).trim().min(1, 'model is required, e.g. gpt-4o-mini').max(200),
    /** optional: local endpoints (Ollama, vLLM) need no key */
    apiKeyEnv: z
      .string({ error: 'apiKeyEnv must be the name of an environment variable' })
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
        'apiKeyEnv must be the name of an environment variable (letters, digits, _), e.g. OPENAI_API_KEY',
      )
      .optional(),
    /** mustache: {{input}}, {{output}}, {{expected}}, {{metadata.<key>}}, {{span.<field>}} */
    prompt: z
      .string({ error: 'prompt is required' })
      .trim()
      .min(1, 'prompt is required')
      .max(100_000, 'prompt is at most 100,000 characters'),
    output: outputSchema,
    temperature: z
      .number({ error: 'temperature must be a number' })
      .min(0, 'temperature is 0 to 2')
      .max(2, 'temperature is 0 to 2')
      .default(0),
    maxTokens: z.number({ error: 'maxTokens must be a number' }).int('maxTokens must be a whole number').min(1).max(1_000_000).optional(),
  },
  {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined
      const key = issue.keys.find((k) => KEY_FIELDS.includes(k))
      if (key !== undefined)
        return `"${key}" is not stored: put the API key in an environment variable of the server and name that variable in apiKeyEnv`
      return `unknown judge setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
    },
  },
)
export type JudgeConfig = z.infer<typeof judgeConfigSchema>
export type JudgeConfigInput = z.input<typeof judgeConfigSchema>

/**
 * The form's fields. Nested settings are named by their path: `output.dataType` is
 * `config.output.dataType`, and so on, so a generic form sets them with a dotted-path write.
 */
export const judgeFields: EvaluatorField[] = [
  {
    name: 'baseUrl',
    type: 'string',
    label: 'Base URL',
    description:
      'An OpenAI-compatible API root; {baseUrl}/chat/completions is called. E.g. https://api.openai.com/v1, http://localhost:11434/v1',
    required: true,
  },
  { name: 'model', type: 'string', label: 'Model', description: 'The model name the endpoint knows, e.g. gpt-4o-mini', required: true },
  {
    name: 'apiKeyEnv',
    type: 'string',
    label: 'API key variable',
    description: 'Name of the server environment variable holding the API key (e.g. OPENAI_API_KEY). Empty for endpoints without keys.',
    required: false,
  },
  {
    name: 'prompt',
    type: 'text',
    label: 'Prompt',
    description: 'The grading instructions. Variables: {{input}}, {{output}}, {{expected}}, {{metadata.<key>}}, {{span.<field>}}',
    required: true,
    default: DEFAULT_JUDGE_PROMPT,
  },
  { name: 'output.dataType', type: 'enum', label: 'Score type', required: true, options: [...JUDGE_DATA_TYPES], default: 'boolean' },
  { name: 'output.min', type: 'number', label: 'Minimum', description: 'Numeric scores: the lowest score', required: false, default: 0 },
  { name: 'output.max', type: 'number', label: 'Maximum', description: 'Numeric scores: the highest score', required: false, default: 1 },
  {
    name: 'output.categories',
    type: 'string-list',
    label: 'Categories',
    description: 'Categorical scores: the labels the judge picks from (at least 2)',
    required: false,
  },
  {
    name: 'temperature',
    type: 'number',
    label: 'Temperature',
    description: '0 to 2; 0 is the most repeatable',
    required: false,
    default: 0,
  },
  { name: 'maxTokens', type: 'number', label: 'Max tokens', description: 'Caps the length of the judge’s reply', required: false },
]
