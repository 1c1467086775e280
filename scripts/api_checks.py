"""Schemathesis check: a value the OpenAPI document allows for a field is
never refused for a rule of that field alone.

The document states every per-field rule of the field registry
(app/src/model/inputs.rs, written into the document by
server/src/api/field_rules.rs). A scenario can still be refused for rules
between fields, which JSON Schema cannot state; those are the only 422s a
schema-valid (positive) case may get. Schemathesis's own
positive_data_acceptance check would also fail on those, so it stays off and
this check takes its place, scoped to the rules of single fields.
"""

import re

import schemathesis

# The rules between fields, as app/src/model/validate.rs words them.
CROSS_FIELD = [
    re.compile(p)
    for p in (
        r"^duplicates the id ",
        r"^names no field of this approach",
        r"^must contain the field's value",
        r"^low \(.*\) must not exceed high",
        r"^must equal ",
        r"^needs a (data|training) section",
        r"^must be at most \d+ for \d+ approaches with ranges",
        # the incumbent names an approach, and serves from month 1; launches
        # fall within the horizon
        r"^names no approach: ",
        r"^must be 0: \".*\" is the incumbent",
        r"^must be at most the horizon \(",
        r"^must end within the horizon \(",
    )
]


@schemathesis.check
def per_field_rules_accepted(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code != 422:
        return None
    try:
        errors = response.json().get("errors", [])
    except ValueError:
        return None
    refused = [
        f"{e.get('path')}: {e.get('message')}"
        for e in errors
        if not any(rule.search(str(e.get("message", ""))) for rule in CROSS_FIELD)
    ]
    if refused:
        raise AssertionError(
            "a schema-valid value was refused for a rule of its own field "
            "(state the rule in the OpenAPI document): " + "; ".join(refused)
        )
    return None
