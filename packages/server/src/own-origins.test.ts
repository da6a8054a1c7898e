import { describe, expect, it } from 'vitest'
import { ownOrigins } from './own-origins'

const interfaces = () => ['127.0.0.1', '192.168.1.20', '::1', 'fe80::1']

describe('the server’s own origins', () => {
  it('are the configured public URL alone when there is one', () => {
    expect(ownOrigins('https://sightline.example.com', { address: '127.0.0.1', port: 4318 }, interfaces)).toEqual([
      'https://sightline.example.com',
    ])
  })

  it('are the bound address, and localhost for a loopback one', () => {
    expect(ownOrigins(undefined, { address: '127.0.0.1', port: 4318 })).toEqual(['http://127.0.0.1:4318', 'http://localhost:4318'])
    expect(ownOrigins(undefined, { address: '::1', port: 80 })).toEqual(['http://[::1]', 'http://localhost'])
    expect(ownOrigins(undefined, { address: '10.0.0.5', port: 4318 })).toEqual(['http://10.0.0.5:4318'])
  })

  it('are every interface address for a wildcard bind (IPv4 only for 0.0.0.0)', () => {
    expect(ownOrigins(undefined, { address: '0.0.0.0', port: 4318 }, interfaces)).toEqual([
      'http://127.0.0.1:4318',
      'http://localhost:4318',
      'http://192.168.1.20:4318',
    ])
    expect(ownOrigins(undefined, { address: '::', port: 4318 }, interfaces)).toEqual([
      'http://127.0.0.1:4318',
      'http://localhost:4318',
      'http://192.168.1.20:4318',
      'http://[::1]:4318',
      'http://[fe80::1]:4318',
    ])
  })
})
