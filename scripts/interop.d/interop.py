"""Drive the published SHOPLINE Open API clients against a running sandbox.

Run by scripts/interop, which starts the sandbox and sets:
  INTEROP_SHOPLINE  the sandbox's SHOPLINE Open API origin (http://127.0.0.1:PORT)
  INTEROP_TOKEN     its token

Every call goes through the client's own function and model; every value sent
is read back from the client's model of the answer. A pydantic ValidationError
while a client reads an answer is a decode error. Exit 0 when every check
passed, 1 otherwise (each failure is printed).
"""

import asyncio
import os
import sys
import traceback
import uuid

import pydantic

ORIGIN = os.environ["INTEROP_SHOPLINE"].rstrip("/")
TOKEN = os.environ["INTEROP_TOKEN"]
RUN = uuid.uuid4().hex[:10]

failures = []
decode_errors = []
checks = 0


def check(label, got, want):
    """One value read back."""
    global checks
    checks += 1
    if got != want:
        failures.append(f"{label}: read back {got!r}, sent {want!r}")


def fail(label, message):
    failures.append(f"{label}: {message}")


def email(tag):
    return f"interop-{RUN}-{tag}@example.com"


async def run_step(label, step):
    """Runs one step; a decode error or any exception is a failure, never a pass."""
    try:
        await step()
    except pydantic.ValidationError as e:
        decode_errors.append(f"{label}: {e}")
    except Exception:  # noqa: BLE001 - every surprise is a failure to report
        fail(label, traceback.format_exc())


# --- shopline-sdk-python ----------------------------------------------------

from shopline_sdk.client import ShoplineAPIClient  # noqa: E402
from shopline_sdk.exceptions import ShoplineAPIError  # noqa: E402
from shopline_sdk.apis.customers import create_customer, update_customer  # noqa: E402
from shopline_sdk.models.create_customer_body import CreateCustomerBody  # noqa: E402
from shopline_sdk.models.update_customer_body import UpdateCustomerBody  # noqa: E402
from shopline_sdk.models.unauthorized_error import UnauthorizedError  # noqa: E402
from shopline_sdk.models.unprocessable_entity_error import UnprocessableEntityError  # noqa: E402

# The SDK's base URL is a constructor argument (default https://open.shopline.io/v1).
SDK = ShoplineAPIClient(TOKEN, base_url=f"{ORIGIN}/v1")
UA = {"User-Agent": "shopspec-interop"}


def fields_params(module, **query):
    """The operation's query Params, built by their aliases (`fields[]`, `excludes[]`)."""
    return module.Params(**{f"{k}[]": v for k, v in query.items()})


async def sdk_create_update():
    sent = {
        "name": "Interop Create",
        "email": email("sdk"),
        "mobile_phone": "0911222333",
        "mobile_phone_country_calling_code": "886",
        "phone": "0222334455",
        "gender": "female",
        "birthday": "1990-05-17",
        "is_member": True,
        "is_accept_marketing": True,
        "is_subscribed_marketing_email": True,
        "is_subscribed_marketing_sms": False,
        "memo": "created by the Python SDK",
        "tags": ["interop", "sdk"],
        "membership_tier_id": "tier-gold",
    }
    async with SDK.new_session(headers=UA) as session:
        c = await create_customer.call(session, CreateCustomerBody(**sent))
        # The SDK's Customer model has no `is_accept_marketing`: nothing to read it back from.
        for key in ["name", "email", "mobile_phone", "mobile_phone_country_calling_code",
                    "phone", "gender", "birthday", "is_member",
                    "is_subscribed_marketing_email", "memo", "tags"]:
            check(f"sdk create {key}", getattr(c, key), sent[key])
        check("sdk create birth_year", c.birth_year, 1990)
        check("sdk create birth_month", c.birth_month, 5)
        check("sdk create birth_day", c.birth_day, 17)
        check("sdk create membership_tier.id", c.membership_tier and c.membership_tier.id, "tier-gold")
        check("sdk create created_by", c.created_by, "openapi")
        if not c.id:
            fail("sdk create", "no id")
            return

        update = {
            "name": "Interop Update",
            "gender": "male",
            "memo": "updated by the Python SDK",
            "tags": ["updated"],
            "membership_tier_id": "tier-silver",
            "tier_expires_at": "2099-12-31T00:00:00.000Z",
            "custom_fields": {"cf-colour": "blue", "cf-size": "L"},
            "locale_code": "zh-hant",
            "ref_user_id": f"ref-{RUN}",
            "birth_year": 1991,
            "birth_month": 6,
            "birth_day": 18,
        }
        u = await update_customer.call(session, c.id, UpdateCustomerBody(**update))
        for key in ["name", "gender", "memo", "tags", "tier_expires_at", "locale_code",
                    "ref_user_id", "birth_year", "birth_month", "birth_day"]:
            check(f"sdk update {key}", getattr(u, key), update[key])
        check("sdk update birthday", u.birthday, "1991-06-18")
        check("sdk update membership_tier.id", u.membership_tier and u.membership_tier.id, "tier-silver")
        check(
            "sdk update custom_data",
            sorted((f.field_id, f.value) for f in (u.custom_data or [])),
            sorted(update["custom_fields"].items()),
        )
        # Not sent in the update: as created.
        for key in ["email", "mobile_phone", "phone", "is_member", "is_subscribed_marketing_email"]:
            check(f"sdk update keeps {key}", getattr(u, key), sent[key])
        check("sdk update keeps id", u.id, c.id)

        # fields[] and excludes[] through the SDK's own Params.
        f = await update_customer.call(
            session, c.id, UpdateCustomerBody(memo="fields"),
            fields_params(update_customer, fields=["name", "memo"]),
        )
        shown = {k for k, v in f.model_dump(exclude_none=True).items()}
        check("sdk fields[] keys", shown, {"id", "name", "memo"})
        check("sdk fields[] name", f.name, "Interop Update")
        check("sdk fields[] memo", f.memo, "fields")
        x = await update_customer.call(
            session, c.id, UpdateCustomerBody(memo="excludes"),
            fields_params(update_customer, excludes=["email", "tags"]),
        )
        check("sdk excludes[] email", x.email, None)
        check("sdk excludes[] tags", x.tags, None)
        check("sdk excludes[] memo", x.memo, "excludes")
        check("sdk excludes[] name", x.name, "Interop Update")
        cf = await create_customer.call(
            session, CreateCustomerBody(name="Fields", email=email("sdk-fields")),
            fields_params(create_customer, fields=["email"]),
        )
        check("sdk create fields[] keys", set(cf.model_dump(exclude_none=True)), {"id", "email"})
        check("sdk create fields[] email", cf.email, email("sdk-fields"))


async def sdk_errors():
    # 401: the SDK's UnauthorizedError model.
    bad = ShoplineAPIClient("not-the-token", base_url=f"{ORIGIN}/v1")
    async with bad.new_session(headers=UA) as session:
        try:
            await create_customer.call(session, CreateCustomerBody(name="x", email=email("401")))
            fail("sdk 401", "accepted with a wrong token")
        except ShoplineAPIError as e:
            check("sdk 401 status", e.status_code, 401)
            check("sdk 401 model", type(e.error), UnauthorizedError)
            if not e.message:
                fail("sdk 401", "the error has no message")
    async with SDK.new_session(headers=UA) as session:
        # 404: the SDK has no 404 model; the raw body is in `error` (errata E-SL-25).
        try:
            await update_customer.call(session, "ffffffffffffffffffffffff", UpdateCustomerBody(memo="x"))
            fail("sdk 404", "an unknown id was updated")
        except ShoplineAPIError as e:
            check("sdk 404 status", e.status_code, 404)
            if not (isinstance(e.error, dict) and e.error.get("message")):
                fail("sdk 404", f"no message in the error body: {e.error!r}")
        # 422: the SDK's UnprocessableEntityError model (gender outside male/female/other).
        try:
            await create_customer.call(
                session, CreateCustomerBody(name="x", email=email("sdk-422"), gender="robot"))
            fail("sdk 422", "a gender outside the documented values was accepted")
        except ShoplineAPIError as e:
            check("sdk 422 status", e.status_code, 422)
            check("sdk 422 model", type(e.error), UnprocessableEntityError)
            if not e.message:
                fail("sdk 422", "the error has no message")


async def sdk_read_back(customer_id, marker):
    """The customer as the sandbox keeps it, through a harmless SDK update."""
    async with SDK.new_session(headers=UA) as session:
        return await update_customer.call(session, customer_id, UpdateCustomerBody(memo=marker))


# --- mcp-shopline ------------------------------------------------------------

os.environ["SHOPLINE_API_TOKEN"] = TOKEN
import config.settings as mcp_settings  # noqa: E402
from tools import base_tool as mcp_base  # noqa: E402
from tools.writes import customer_writes as mcp_customers  # noqa: E402

# mcp-shopline has no option for the host: its module constant is the override.
mcp_settings.BASE_URL = ORIGIN


def mcp_create(**given):
    """The tool as an MCP host calls it: every parameter given (a direct Python
    call would otherwise pass pydantic FieldInfo defaults into the body)."""
    args = dict(name=None, email=None, phone=None, gender=None, birthday=None, tags=None)
    args.update(given)
    return mcp_customers.create_customer(**args)


def mcp_update(customer_id, **given):
    args = dict(name=None, email=None, phone=None, gender=None, birthday=None)
    args.update(given)
    return mcp_customers.update_customer(customer_id=customer_id, **args)


async def mcp_create_update():
    sent = {
        "name": "MCP Create",
        "email": email("mcp"),
        "phone": "0233445566",
        "gender": "other",
        "birthday": "1985-01-02",
        "tags": ["mcp"],
    }
    out = mcp_create(**sent)
    check("mcp create success", out.get("success"), True)
    c = out.get("customer") or {}
    for key, want in sent.items():
        check(f"mcp create {key}", c.get(key), want)
    customer_id = out.get("resource_id")
    if not customer_id:
        fail("mcp create", f"no id: {out!r}")
        return
    # Not `phone`: the tool cannot send the `phone_country_code` the update docs
    # require with it, so a documented store refuses that update (422).
    update = {"name": "MCP Update", "gender": "male", "birthday": "1986-03-04",
              "email": email("mcp-new")}
    out = mcp_update(customer_id, **update)
    check("mcp update success", out.get("success"), True)
    kept = await sdk_read_back(customer_id, "mcp read-back")
    for key, want in update.items():
        check(f"mcp update {key} kept", getattr(kept, key), want)
    check("mcp update tags kept", kept.tags, sent["tags"])
    check("mcp update phone kept", kept.phone, sent["phone"])


def mcp_errors():
    try:
        mcp_update("ffffffffffffffffffffffff", name="x")
        fail("mcp 404", "an unknown id was updated")
    except mcp_base.ShoplineAPIError as e:
        check("mcp 404 status", e.status_code, 404)
    try:
        mcp_create(name="x", email=email("mcp-422"), gender="robot")
        fail("mcp 422", "a gender outside the documented values was accepted")
    except mcp_base.ShoplineAPIError as e:
        check("mcp 422 status", e.status_code, 422)
    mcp_settings.ACCESS_TOKEN = "not-the-token"
    try:
        mcp_create(name="x", email=email("mcp-401"))
        fail("mcp 401", "accepted with a wrong token")
    except mcp_base.ShoplineAPIError as e:
        check("mcp 401 status", e.status_code, 401)
    finally:
        mcp_settings.ACCESS_TOKEN = TOKEN


async def mcp_errors_step():
    mcp_errors()


async def main():
    await run_step("shopline-sdk-python create/update/fields", sdk_create_update)
    await run_step("shopline-sdk-python 401/404/422", sdk_errors)
    await run_step("mcp-shopline create/update", mcp_create_update)
    await run_step("mcp-shopline 401/404/422", mcp_errors_step)
    for line in decode_errors:
        print(f"interop: DECODE ERROR {line}", file=sys.stderr)
    for line in failures:
        print(f"interop: FAILED {line}", file=sys.stderr)
    print(f"interop: {checks} values checked, {len(failures)} failures, "
          f"{len(decode_errors)} client-side decode errors")
    if failures or decode_errors or checks == 0:
        sys.exit(1)
    print("interop: every client read back what it sent")


asyncio.run(main())
