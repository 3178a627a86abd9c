"""The list the instrument parts append to, and small helpers so that the
parts read like the Eva form: one add(...) call per instrument."""

INSTRUMENTS = []


def add(**kw):
    INSTRUMENTS.append(kw)


def loc(name, type, address=None, in_use=True, description=None):
    d = dict(name=name, type=type)
    if address:
        d["address"] = address
    d["in_use"] = in_use
    if description:
        d["description"] = description
    return d
