"""Schemathesis checks for shopspec's sandbox run (loaded through SCHEMATHESIS_HOOKS).

Fecify reports failures in the body: HTTP 200 with an envelope `code` other than
200 (spec/errata.md#E-FEC-3). Schemathesis' `negative_data_rejection` judges the
HTTP status only, so for Fecify it would call every rejection an acceptance.
`fecify_negative_data_rejection` applies the same rule to the envelope: a
rejected request is one whose `code` is not 200.
"""

import copy

import schemathesis
from schemathesis.specs.openapi import checks as openapi_checks

# Any status in negative_data_rejection's expected list; it stands for "rejected".
_REJECTED = 422


def _envelope_code(response):
    try:
        body = response.json()
    except Exception:  # not JSON: leave the judgement to the HTTP status
        return None
    if isinstance(body, dict) and isinstance(body.get("code"), int):
        return body["code"]
    return None


@schemathesis.check
def fecify_negative_data_rejection(ctx, response, case):
    """Invalid data must be rejected: Fecify answers an envelope code other than 200."""
    code = _envelope_code(response)
    judged = response
    if response.status_code == 200 and code is not None and code != 200:
        judged = copy.copy(response)
        judged.status_code = _REJECTED
    return openapi_checks.negative_data_rejection(ctx, judged, case)
