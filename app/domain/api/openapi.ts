// The intake API described as OpenAPI 3.1, served at /api/v1/openapi.json.
export function openApiDocument(serverUrl: string) {
  const error = { $ref: '#/components/schemas/Error' }
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: error } },
  })
  const customer = {
    type: 'object',
    required: ['email'],
    properties: {
      email: { type: 'string', format: 'email', maxLength: 254 },
      name: { type: 'string', maxLength: 50 },
      phone: { type: 'string', maxLength: 40 },
      language: {
        type: 'string',
        enum: ['en', 'nl'],
        description:
          "The language of the customer's emails. Without it: the idea's language when it can be told, else the site's default. An address that has an account always gets the account's language.",
      },
    },
  }
  const channel = {
    type: 'string',
    enum: ['web', 'store', 'phone', 'email', 'social', 'chat', 'api', 'other'],
    default: 'api',
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ideabox intake API',
      version: '1.0.0',
      description:
        'Feed ideas and supporters from helpdesks, chatbots and social-media tools into Ideabox. Every idea is acknowledged to the customer by email with the promised answer date.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    paths: {
      '/ideas': {
        get: {
          operationId: 'listIdeas',
          summary: 'List or search public ideas',
          parameters: [
            {
              name: 'q',
              in: 'query',
              schema: { type: 'string', maxLength: 200 },
              description:
                'Search words (English and Dutch); a longer text is searched for by its first 200 characters.',
            },
            {
              name: 'status',
              in: 'query',
              schema: { type: 'string' },
              description: 'A status slug, e.g. planned.',
            },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
          ],
          responses: {
            '200': {
              description: 'A page of ideas',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['ideas', 'nextCursor'],
                    properties: {
                      ideas: { type: 'array', items: { $ref: '#/components/schemas/Idea' } },
                      nextCursor: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            '401': errorResponse('Missing, unknown or revoked token'),
            '403': errorResponse('The token lacks the ideas:read scope'),
            '429': errorResponse('Too many requests; see Retry-After'),
          },
        },
        post: {
          operationId: 'createIdea',
          summary: 'File an idea on behalf of a customer',
          description:
            "The idea is filed for the customer's captured person (found by email, or recorded as a new one), never as a registered account: an address is no proof of identity. The answer is the same whether or not the address has an account. The customer takes the idea over by signing up and verifying the address, or, if they already have an account, by confirming the emailed link while signed in. Requires the ideas:write scope.",
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^[\\w-]{8,64}$' },
              description:
                'Your own key for this request (e.g. a UUID). A retry with the same key for the same customer and token, also one sent while the first is still running, files nothing new: it gets the idea the first filed, and the customer one acknowledgement.',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['customer', 'kind', 'categoryId', 'title', 'description'],
                  properties: {
                    customer,
                    channel,
                    network: {
                      type: 'string',
                      enum: ['x', 'facebook', 'instagram', 'linkedin', 'tiktok', 'other'],
                    },
                    externalRef: { type: 'string', maxLength: 300 },
                    kind: { type: 'string', enum: ['product', 'experience', 'involvement'] },
                    categoryId: { type: 'integer' },
                    title: { type: 'string', minLength: 5, maxLength: 120 },
                    description: { type: 'string', minLength: 1, maxLength: 10000 },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Filed',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'customerId', 'url'],
                    properties: {
                      id: { type: 'integer' },
                      customerId: { type: 'integer' },
                      url: { type: 'string' },
                    },
                  },
                },
              },
            },
            '400': errorResponse('Invalid JSON or validation errors (with field paths)'),
            '401': errorResponse('Missing, unknown or revoked token'),
            '403': errorResponse('The token lacks the ideas:write scope'),
            '413': errorResponse('Body larger than 64 KB'),
            '415': errorResponse('Not JSON'),
            '429': errorResponse('Too many requests; see Retry-After'),
          },
        },
      },
      '/ideas/{ideaId}': {
        get: {
          operationId: 'getIdea',
          summary: 'One idea with its status',
          parameters: [{ name: 'ideaId', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'The idea',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Idea' } } },
            },
            '401': errorResponse('Missing, unknown or revoked token'),
            '404': errorResponse('No such public idea'),
          },
        },
      },
      '/ideas/{ideaId}/supporters': {
        post: {
          operationId: 'addSupporter',
          summary: "Add a customer's vote to an idea",
          parameters: [{ name: 'ideaId', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['customer'],
                  properties: {
                    customer,
                    channel,
                    externalRef: { type: 'string', maxLength: 300 },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description:
                "Counted (once per person) for the customer's captured person; it joins their account, counted once, when they confirm it",
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { ideaId: { type: 'integer' }, customerId: { type: 'integer' } },
                  },
                },
              },
            },
            '400': errorResponse('Validation errors'),
            '401': errorResponse('Missing, unknown or revoked token'),
            '403': errorResponse('The token lacks the votes:write scope'),
            '404': errorResponse('No such idea'),
            '409': errorResponse('Voting is closed on this idea'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (ibx_…) an admin created in the back office.',
        },
      },
      schemas: {
        Idea: {
          type: 'object',
          required: ['id', 'title', 'kind', 'status', 'votes', 'url'],
          properties: {
            id: { type: 'integer' },
            title: { type: 'string' },
            kind: { type: 'string' },
            category: { type: 'string' },
            status: {
              type: 'object',
              properties: { slug: { type: 'string' }, name: { type: 'string' } },
            },
            votes: {
              type: 'object',
              properties: {
                up: { type: 'integer' },
                down: { type: 'integer' },
                score: { type: 'integer' },
              },
            },
            comments: { type: 'integer' },
            createdAt: { type: 'string', format: 'date-time' },
            url: { type: 'string', format: 'uri' },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  }
}
