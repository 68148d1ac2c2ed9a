"""gunicorn settings read from the project folder (gunicorn loads ./gunicorn.conf.py itself).

A request whose body is larger than the web app accepts gets 413 from Flask without the body
being read. Kept alive, that connection would still hold the rest of the body, and the client's
next request on it would fail. So such a request is answered with "Connection: close".
"""
from web.config import load_body_limit


def pre_request(worker, req):
    limit = load_body_limit()
    for name, value in req.headers:
        if name == "CONTENT-LENGTH" and value.isdigit() and int(value) > limit:
            req.must_close = True
