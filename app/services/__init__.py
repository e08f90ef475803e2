"""wirediff's use cases, over the engine and the database, with no HTTP in them: store an article,
fetch a page, compare stored articles, related versions, coverage, rules. Failures are the domain
errors of :mod:`app.services.errors`; the API and the dashboard say what each means to a client."""
