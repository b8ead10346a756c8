// The explorer: a page per path under /explore/, each built only on the public REST API.
import { render } from 'preact'
import { useEffect } from 'preact/hooks'
import { BASE, interceptLinks, useLocation } from './router'
import { Home, SearchForm, SearchPage } from './pages/home'
import { ActorPage } from './pages/actor'
import { StatementPage } from './pages/statement'
import { StatementsPage } from './pages/statements'
import { DocumentPage } from './pages/document'
import { MatrixPage } from './pages/matrix'
import { DraftPage } from './pages/draft'
import './styles.css'

function Route ({ url }: { url: URL }) {
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const [, section, rawId] = path.slice(BASE.length).split('/')
  const id = rawId ? decodeURIComponent(rawId) : undefined
  if (!section) return <Home />
  if (section === 'search') return <SearchPage url={url} />
  if (section === 'matrix') return <MatrixPage url={url} />
  if (section === 'draft') return <DraftPage />
  if (section === 'statements' && !id) return <StatementsPage url={url} />
  if (section === 'actors' && id) return <ActorPage id={id} />
  if (section === 'statements' && id) return <StatementPage id={id} />
  if (section === 'documents' && id) return <DocumentPage id={id} />
  return <><h1 tabIndex={-1}>Not found</h1><p>The explorer has no page at {url.pathname}. <a href={`${BASE}/`}>Start again</a>.</p></>
}

function App () {
  const url = useLocation()
  useEffect(() => {
    // Moving to a new page moves focus to its heading, as a full page load would to the top.
    const t = setTimeout(() => {
      if (url.hash) return document.getElementById(decodeURIComponent(url.hash.slice(1)))?.focus()
      const h1 = document.querySelector<HTMLElement>('main h1')
      h1?.focus({ preventScroll: false })
      document.title = `${h1?.textContent ?? 'Explorer'} · whosaid`
    }, 0)
    return () => clearTimeout(t)
  }, [url.href])
  return (
    <>
      <a class='skip' href='#main'>Skip to content</a>
      <header class='top'>
        <a class='brand' href={`${BASE}/`}>whosaid</a>
        <nav aria-label='main'>
          <a href={`${BASE}/`}>Explore</a>
          <a href={`${BASE}/statements`}>Statements</a>
          <a href={`${BASE}/matrix`}>Matrix</a>
          <a href={`${BASE}/draft`}>Draft</a>
          <a href='/docs'>API</a>
        </nav>
        {url.pathname.replace(/\/+$/, '') !== BASE && !url.pathname.startsWith(`${BASE}/search`) && <div class='mini'><SearchForm /></div>}
      </header>
      <main id='main' tabIndex={-1}><Route url={url} /></main>
    </>
  )
}

interceptLinks()
render(<App />, document.getElementById('app')!)
