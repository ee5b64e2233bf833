// react-dom 18 ships the web-streams server renderer as this file; @types/react-dom declares it on 'react-dom/server'.
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server'
}
