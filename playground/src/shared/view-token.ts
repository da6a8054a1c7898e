// The demo backend's view token, shared by every page that embeds panels (the admin page owns it).
export { createTokenSource, fetchViewToken, type TokenSourceOptions } from '../admin/token-source'
