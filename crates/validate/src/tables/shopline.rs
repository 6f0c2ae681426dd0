//! SHOPLINE Open API: the create and update request bodies, each rule with the
//! vendor sentence it rests on: the reference and guide pages, and the SDK
//! generated from the vendor's reference (`HsOjo/shopline-sdk-python`).

use std::sync::OnceLock;

use shopspec_model::Api;
use shopspec_model::sources::{
    SHOPLINE_CREATE as CREATE_GUIDE, SHOPLINE_SEED as SEED_PAGE, SHOPLINE_UPDATE as UPDATE_GUIDE,
    SHOPLINE_UPDATE_REFERENCE as UPDATE_REFERENCE,
};

use super::{
    CheckKind, CrossKind, Deprecation, Field, Format, Hint, Kind, ObjectSpec, Presence, cross, rule,
};
use crate::evidence::{About, CREATE, Evidence, UPDATE, about, documented, inferred};

const C: About = about(Api::Shopline, CREATE);
const U: About = about(Api::Shopline, UPDATE);

/// The SDK's create body model.
macro_rules! create_model {
    ($line:literal) => {
        concat!(
            "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/create_customer_body.py#L",
            $line
        )
    };
}
/// The SDK's update body model.
macro_rules! update_model {
    ($line:literal) => {
        concat!(
            "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/update_customer_body.py#L",
            $line
        )
    };
}
/// The SDK's delivery address model, used by both bodies.
macro_rules! address_model {
    ($line:literal) => {
        concat!(
            "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/order_delivery_address.py#L",
            $line
        )
    };
}

const GENDERS: &[&str] = &["male", "female", "other"];
const SOURCES: &[&str] = &["shop", "admin", "openapi", "shop_crm", "pos"];
const NOTIFICATIONS: &[&str] = &["email", "sms"];
const BIRTH_PARTS: &[&str] = &["birth_year", "birth_month", "birth_day"];

/// The integer bound of the create body (an errata decision, so inferred).
pub(super) static C_INTEGERS: Evidence = inferred(
    C,
    create_model!("34"),
    "birth_year: Optional[int] = None",
    "No largest integer is documented; the signed 64-bit bound is shopspec's decision (E-SL-23).",
);
/// The integer bound of the update body (an errata decision, so inferred).
pub(super) static U_INTEGERS: Evidence = inferred(
    U,
    update_model!("24"),
    "birth_year: Optional[int] = None",
    "No largest integer is documented; the signed 64-bit bound is shopspec's decision (E-SL-23).",
);

macro_rules! address {
    ($a:ident, $fields:expr) => {
        ObjectSpec {
            fields: $fields,
            shape: &documented($a, address_model!("8"), "class OrderDeliveryAddress(BaseModel):"),
            unknown: &inferred(
                $a,
                address_model!("8"),
                "class OrderDeliveryAddress(BaseModel):",
                "the address fields are listed, but no page says other keys are refused (E-SL-10, E-CHK-9)",
            ),
            hints: &[],
            cross: &[],
            fast: OnceLock::new(),
        }
    };
}

static C_ADDRESS: ObjectSpec = address!(
    C,
    &[
        Field::string(
            "country_code",
            &documented(C, address_model!("9"), "country_code: Optional[str] = None")
        ),
        Field::string(
            "country",
            &documented(C, address_model!("11"), "country: Optional[str] = None")
        ),
        Field::string(
            "city",
            &documented(C, address_model!("13"), "city: Optional[str] = None")
        ),
        Field::string(
            "district",
            &documented(C, address_model!("15"), "district: Optional[str] = None")
        ),
        Field::string(
            "state",
            &documented(C, address_model!("17"), "state: Optional[str] = None")
        ),
        Field::string(
            "postcode",
            &documented(C, address_model!("19"), "postcode: Optional[str] = None")
        ),
        Field::string(
            "address_1",
            &documented(C, address_model!("21"), "address_1: Optional[str] = None")
        ),
        Field::string(
            "address_2",
            &documented(C, address_model!("23"), "address_2: Optional[str] = None")
        ),
        Field::string(
            "key",
            &documented(C, address_model!("25"), "key: Optional[str] = None")
        ),
        Field::string(
            "layer1",
            &documented(C, address_model!("26"), "layer1: Optional[str] = None")
        ),
        Field::string(
            "layer2",
            &documented(C, address_model!("27"), "layer2: Optional[str] = None")
        ),
        Field::string(
            "layer3",
            &documented(C, address_model!("28"), "layer3: Optional[str] = None")
        ),
        Field::new(
            "logistic_codes",
            Kind::Array(&Kind::Str),
            &documented(
                C,
                address_model!("29"),
                "logistic_codes: Optional[List[str]] = None"
            )
        ),
        Field::string(
            "recipient_name",
            &documented(
                C,
                address_model!("30"),
                "recipient_name: Optional[str] = None"
            )
        ),
        Field::string(
            "recipient_phone",
            &documented(
                C,
                address_model!("32"),
                "recipient_phone: Optional[str] = None"
            )
        ),
        Field::string(
            "recipient_phone_country_code",
            &documented(
                C,
                address_model!("34"),
                "recipient_phone_country_code: Optional[str] = None"
            )
        ),
        Field::string(
            "remarks",
            &documented(C, address_model!("36"), "remarks: Optional[str] = None")
        ),
    ]
);
static U_ADDRESS: ObjectSpec = address!(
    U,
    &[
        Field::string(
            "country_code",
            &documented(U, address_model!("9"), "country_code: Optional[str] = None")
        ),
        Field::string(
            "country",
            &documented(U, address_model!("11"), "country: Optional[str] = None")
        ),
        Field::string(
            "city",
            &documented(U, address_model!("13"), "city: Optional[str] = None")
        ),
        Field::string(
            "district",
            &documented(U, address_model!("15"), "district: Optional[str] = None")
        ),
        Field::string(
            "state",
            &documented(U, address_model!("17"), "state: Optional[str] = None")
        ),
        Field::string(
            "postcode",
            &documented(U, address_model!("19"), "postcode: Optional[str] = None")
        ),
        Field::string(
            "address_1",
            &documented(U, address_model!("21"), "address_1: Optional[str] = None")
        ),
        Field::string(
            "address_2",
            &documented(U, address_model!("23"), "address_2: Optional[str] = None")
        ),
        Field::string(
            "key",
            &documented(U, address_model!("25"), "key: Optional[str] = None")
        ),
        Field::string(
            "layer1",
            &documented(U, address_model!("26"), "layer1: Optional[str] = None")
        ),
        Field::string(
            "layer2",
            &documented(U, address_model!("27"), "layer2: Optional[str] = None")
        ),
        Field::string(
            "layer3",
            &documented(U, address_model!("28"), "layer3: Optional[str] = None")
        ),
        Field::new(
            "logistic_codes",
            Kind::Array(&Kind::Str),
            &documented(
                U,
                address_model!("29"),
                "logistic_codes: Optional[List[str]] = None"
            )
        ),
        Field::string(
            "recipient_name",
            &documented(
                U,
                address_model!("30"),
                "recipient_name: Optional[str] = None"
            )
        ),
        Field::string(
            "recipient_phone",
            &documented(
                U,
                address_model!("32"),
                "recipient_phone: Optional[str] = None"
            )
        ),
        Field::string(
            "recipient_phone_country_code",
            &documented(
                U,
                address_model!("34"),
                "recipient_phone_country_code: Optional[str] = None"
            )
        ),
        Field::string(
            "remarks",
            &documented(U, address_model!("36"), "remarks: Optional[str] = None")
        ),
    ]
);

static C_ADDRESS_KIND: Kind = Kind::Object(&C_ADDRESS);
static U_ADDRESS_KIND: Kind = Kind::Object(&U_ADDRESS);

static C_BIRTHDAY_DATE: Evidence = inferred(
    C,
    SEED_PAGE,
    "Customer's birthday",
    "No sentence states the wire format (the guide's Type cell says “Date” with example \"birthday\":\"2013-11-11\", while the reference and the SDK type birthday as a plain string), so YYYY-MM-DD and the real-date check are readings (E-CHK-4; the form itself has no E-SL entry yet — extend E-SL-14).",
);
static U_BIRTHDAY_DATE: Evidence = inferred(
    U,
    UPDATE_REFERENCE,
    "Customer's birthday",
    "No sentence states the wire format (the guide's Type cell says “Date” with example \"birthday\": \"2016-01-01\", while the reference and the SDK type birthday as a plain string), so YYYY-MM-DD and the real-date check are readings (E-CHK-4; the form itself has no E-SL entry yet — extend E-SL-14).",
);

pub(super) static SHOPLINE_CREATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("name", &documented(C, SEED_PAGE, "string | null Customer Name"))
            .nullable()
            .required_by(&inferred(C, "https://open-api.docs.shoplineapp.com/v2.82.16/docs/create-customer", "*Required", "Only the v2.82.16 docs snapshot marks name *Required; the current guide and the reference (`string | null`) do not (E-SL-5).")),
        Field::string("email", &documented(C, create_model!("15"), "email: Optional[str] = None"))
            .checks(&[rule(CheckKind::Format(Format::Email), &inferred(C, SEED_PAGE, "Customer's Email", "No email format is documented (E-SL-21)."))]),
        Field::string("mobile_phone", &documented(C, create_model!("17"), "mobile_phone: Optional[str] = None"))
            .checks(&[rule(CheckKind::Format(Format::NoComma), &inferred(C, SEED_PAGE, "Customer Mobile Phone, separate by comma if multiple", "The reference allows several comma-separated numbers; shopspec never splits them and only warns (E-SL-8)."))]),
        Field::string("mobile_phone_country_calling_code", &documented(C, create_model!("19"), "mobile_phone_country_calling_code: Optional[str] = None")),
        Field::boolean("send_notification", &documented(C, create_model!("21"), "send_notification: Optional[bool] = None")),
        Field::new(
            "notification_types",
            Kind::Array(&Kind::StrEnum(NOTIFICATIONS)),
            &documented(C, create_model!("23"), "notification_types: Optional[List[Union[Literal['email', 'sms'], str]]] = None"),
        ),
        Field::string("phones", &documented(C, create_model!("25"), "phones: Optional[str] = None")),
        Field::string("phone", &documented(C, create_model!("27"), "phone: Optional[str] = None")),
        Field::string("phone_country_code", &documented(C, create_model!("29"), "phone_country_code: Optional[str] = None")),
        Field::new("gender", Kind::StrEnum(GENDERS), &documented(C, create_model!("31"), "gender: Optional[Union[Literal['male', 'female', 'other'], str]] = None")).nullable(),
        Field::string("birthday", &documented(C, SEED_PAGE, "string | null Customer's birthday"))
            .nullable()
            .checks(&[
                rule(CheckKind::Format(Format::IsoDate), &C_BIRTHDAY_DATE),
                rule(CheckKind::Format(Format::Year19Or20), &documented(C, CREATE_GUIDE, "出生年份必須是西元 19 或20 開頭。")),
            ]),
        Field::int("birth_year", &documented(C, create_model!("34"), "birth_year: Optional[int] = None")),
        Field::int("birth_month", &documented(C, create_model!("36"), "birth_month: Optional[int] = None"))
            .checks(&[rule(CheckKind::Range(1, 12), &inferred(C, SEED_PAGE, "Customer's birth month", "No range is stated for birth_month; 1-12 follows from its meaning (E-SL-15)."))]),
        Field::int("birth_day", &documented(C, create_model!("38"), "birth_day: Optional[int] = None"))
            .checks(&[rule(CheckKind::Range(1, 31), &inferred(C, SEED_PAGE, "Customer's birth day", "No range is stated for birth_day; 1-31 follows from its meaning (E-SL-15)."))]),
        Field::boolean("is_member", &documented(C, create_model!("40"), "is_member: Optional[bool] = None")),
        Field::boolean("is_accept_marketing", &documented(C, create_model!("42"), "is_accept_marketing: Optional[bool] = None")),
        Field::boolean("is_subscribed_marketing_email", &documented(C, create_model!("44"), "is_subscribed_marketing_email: Optional[bool] = None")),
        Field::boolean("is_subscribed_marketing_sms", &documented(C, create_model!("46"), "is_subscribed_marketing_sms: Optional[bool] = None")),
        Field::new("delivery_addresses", Kind::Array(&C_ADDRESS_KIND), &documented(C, create_model!("48"), "delivery_addresses: Optional[List[OrderDeliveryAddress]] = None"))
            .checks(&[rule(CheckKind::MaxItems(5), &documented(C, SEED_PAGE, "*Maximum for 5 delivery address groups"))]),
        Field::boolean("is_allow_welcome_credit", &documented(C, create_model!("50"), "is_allow_welcome_credit: Optional[bool] = None")),
        Field::new("created_by", Kind::StrEnum(SOURCES), &documented(C, create_model!("52"), "created_by: Optional[Union[Literal['shop', 'admin', 'openapi', 'shop_crm', 'pos'], str]] = None")),
        Field::string("created_by_channel_id", &documented(C, create_model!("54"), "created_by_channel_id: Optional[str] = None")),
        Field::new("registered_by", Kind::StrEnum(SOURCES), &documented(C, create_model!("56"), "registered_by: Optional[Union[Literal['shop', 'admin', 'openapi', 'shop_crm', 'pos'], str]] = None")),
        Field::string("registered_by_channel_id", &documented(C, create_model!("58"), "registered_by_channel_id: Optional[str] = None")),
        Field::string("memo", &documented(C, SEED_PAGE, "string | null Customer memo")).nullable(),
        Field::new("tags", Kind::Array(&Kind::Str), &documented(C, create_model!("62"), "tags: Optional[List[str]] = None")),
        Field::string("membership_tier_id", &documented(C, create_model!("64"), "membership_tier_id: Optional[str] = None")),
    ],
    shape: &documented(C, SEED_PAGE, "Payload for updating customer"),
    unknown: &inferred(
        C,
        SEED_PAGE,
        "Payload for updating customer",
        "the reference lists the body's fields, but no page says other keys are refused (E-SL-10, E-CHK-9)",
    ),
    hints: &[],
    cross: &[
        cross(CrossKind::OneOfRequired(&["email", "mobile_phone"]), &documented(C, CREATE_GUIDE, "either email or mobile_phone is required")),
        cross(
            CrossKind::RequiredWith {
                field: "mobile_phone_country_calling_code",
                trigger: "mobile_phone",
                non_empty: true,
            },
            &documented(C, CREATE_GUIDE, "*required if mobile_phone is not empty"),
        ),
        cross(
            CrossKind::RequiredWith {
                field: "mobile_phone",
                trigger: "mobile_phone_country_calling_code",
                non_empty: false,
            },
            &documented(C, SEED_PAGE, "Country Code of Mobile Phone. It has to be used with mobile_phone"),
        ),
        cross(
            CrossKind::RequiredWith {
                field: "phone_country_code",
                trigger: "phone",
                non_empty: true,
            },
            &inferred(
                U,
                update_model!("20"),
                "If phone is input, this field should not be blank",
                "stated for update only; create says only \"Customer Phone Country Code.\" (E-SL-24)",
            ),
        ),
        cross(
            CrossKind::MutuallyExclusive {
                field: "birthday",
                others: BIRTH_PARTS,
            },
            &documented(C, SEED_PAGE, "*Could not be used with the birthday parameter at the same time."),
        ),
        cross(
            CrossKind::DayInMonth {
                year: "birth_year",
                month: "birth_month",
                day: "birth_day",
            },
            &inferred(C, SEED_PAGE, "Customer's birth day", "No page states a day-in-month rule for the split birth fields (E-SL-15, #E-SL-21, #E-CHK-4)."),
        ),
    ],
    fast: OnceLock::new(),
};

pub(super) static SHOPLINE_UPDATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("name", &documented(U, UPDATE_REFERENCE, "string | null Customer Name")).nullable(),
        Field::string("email", &documented(U, update_model!("30"), "email: Optional[str] = None"))
            .checks(&[rule(CheckKind::Format(Format::Email), &inferred(U, update_model!("31"), "Customer Email 顧客電子郵件", "No email format is documented (E-SL-21)."))]),
        Field::string("mobile_phone", &documented(U, update_model!("60"), "mobile_phone: Optional[str] = None"))
            .checks(&[rule(CheckKind::Format(Format::NoComma), &inferred(U, UPDATE_GUIDE, "Customer Mobile Phone", "Nothing on update mentions several numbers; the warning carries create's E-SL-8 decision over (E-SL-8)."))]),
        Field::string("mobile_phone_country_calling_code", &documented(U, update_model!("62"), "mobile_phone_country_calling_code: Optional[str] = None")),
        // The guide says a comma-separated string, the reference an array of strings.
        Field::new("phones", Kind::StrOrStrArray, &documented(U, update_model!("15"), "phones: Optional[List[str]] = None")).presence_by(
            Presence::Deprecated(Deprecation {
                since: None,
                instead: Some("phone"),
            }),
            &documented(U, UPDATE_GUIDE, "(to be deprecated, please use phone)"),
        ),
        Field::string("phone", &documented(U, update_model!("17"), "phone: Optional[str] = None")),
        Field::string("phone_country_code", &documented(U, update_model!("19"), "phone_country_code: Optional[str] = None")),
        Field::new("gender", Kind::StrEnum(GENDERS), &documented(U, update_model!("21"), "gender: Optional[Union[Literal['male', 'female', 'other'], str]] = None")).nullable(),
        Field::string("birthday", &documented(U, UPDATE_REFERENCE, "string | null Customer's birthday"))
            .nullable()
            .checks(&[
                rule(CheckKind::Format(Format::IsoDate), &U_BIRTHDAY_DATE),
                rule(CheckKind::Format(Format::Year19Or20), &inferred(C, CREATE_GUIDE, "出生年份必須是西元 19 或20 開頭。", "Stated on the create guide only; the update pages say only “Will check age limit based on admin setting” (E-SL-14).")),
            ]),
        Field::int("birth_year", &documented(U, update_model!("24"), "birth_year: Optional[int] = None")),
        Field::int("birth_month", &documented(U, update_model!("26"), "birth_month: Optional[int] = None"))
            .checks(&[rule(CheckKind::Range(1, 12), &inferred(U, update_model!("27"), "Customer's birth month", "No range is stated for birth_month; 1-12 follows from its meaning (E-SL-15)."))]),
        Field::int("birth_day", &documented(U, update_model!("28"), "birth_day: Optional[int] = None"))
            .checks(&[rule(CheckKind::Range(1, 31), &inferred(U, update_model!("29"), "Customer's birth day", "No range is stated for birth_day; 1-31 follows from its meaning (E-SL-15)."))]),
        Field::new("is_member", Kind::True, &documented(U, UPDATE_GUIDE, "目前只支持將客戶轉成會員")),
        Field::boolean("is_blacklisted", &documented(U, update_model!("34"), "is_blacklisted: Optional[bool] = None")),
        Field::boolean("is_accept_marketing", &documented(U, update_model!("36"), "is_accept_marketing: Optional[bool] = None")),
        Field::boolean("is_subscribed_marketing_email", &documented(U, update_model!("38"), "is_subscribed_marketing_email: Optional[bool] = None")),
        Field::boolean("is_subscribed_marketing_sms", &documented(U, update_model!("40"), "is_subscribed_marketing_sms: Optional[bool] = None")),
        Field::string("membership_tier_id", &documented(U, update_model!("42"), "membership_tier_id: Optional[str] = None")),
        Field::string("tier_expires_at", &documented(U, update_model!("44"), "tier_expires_at: Optional[str] = None"))
            .checks(&[rule(CheckKind::Future, &documented(U, update_model!("45"), "Only future Date is available"))]),
        Field::new("delivery_addresses", Kind::Array(&U_ADDRESS_KIND), &documented(U, update_model!("46"), "delivery_addresses: Optional[List[OrderDeliveryAddress]] = None"))
            .checks(&[rule(CheckKind::MaxItems(5), &documented(U, update_model!("47"), "*Maximum for 5 delivery address groups"))]),
        Field::string("ref_user_id", &documented(U, update_model!("48"), "ref_user_id: Optional[str] = None")),
        Field::string("memo", &documented(U, update_model!("50"), "memo: Optional[str] = None")).nullable(),
        Field::new("tags", Kind::Array(&Kind::Str), &documented(U, update_model!("52"), "tags: Optional[List[str]] = None")),
        Field::new("custom_fields", Kind::AnyObject, &documented(U, update_model!("54"), "custom_fields: Optional[Dict[str, Any]] = None")),
        Field::string("registered_at", &documented(U, update_model!("56"), "registered_at: Optional[str] = None")),
        Field::string("locale_code", &documented(U, update_model!("58"), "locale_code: Optional[str] = None")),
        Field::new("facebook_info", Kind::AnyObject, &documented(U, update_model!("64"), "facebook_info: Optional[Dict[str, Any]] = None")),
        Field::new("line_info", Kind::AnyObject, &documented(U, update_model!("66"), "line_info: Optional[Dict[str, Any]] = None")),
    ],
    shape: &documented(U, update_model!("12"), "Payload for updating customer"),
    unknown: &inferred(
        U,
        update_model!("12"),
        "Payload for updating customer",
        "the reference lists the body's fields, but no page says other keys are refused (E-SL-10, E-CHK-9)",
    ),
    hints: &[Hint {
        // The guide's example sends custom_data; the parameter table names custom_fields.
        name: "custom_data",
        instead: "custom_fields",
        ev: &inferred(U, update_model!("54"), "custom_fields: Optional[Dict[str, Any]] = None", "The update guide's own example sends custom_data while the field list names custom_fields; treating custom_data as wrong is shopspec's decision (E-SL-1)."),
    }],
    cross: &[
        cross(
            CrossKind::RequiredWith {
                field: "mobile_phone_country_calling_code",
                trigger: "mobile_phone",
                non_empty: true,
            },
            &documented(U, UPDATE_GUIDE, "*required if mobile_phone is not empty"),
        ),
        cross(
            CrossKind::RequiredWith {
                field: "mobile_phone",
                trigger: "mobile_phone_country_calling_code",
                non_empty: false,
            },
            &documented(U, update_model!("63"), "Country Code of Mobile Phone. It has to be used with mobile_phone"),
        ),
        cross(
            CrossKind::RequiredWith {
                field: "phone_country_code",
                trigger: "phone",
                non_empty: true,
            },
            &documented(U, UPDATE_REFERENCE, "If phone is input, this field should not be blank"),
        ),
        cross(
            CrossKind::MutuallyExclusive {
                field: "birthday",
                others: BIRTH_PARTS,
            },
            &documented(U, update_model!("25"), "*Could not be used with the birthday parameter at the same time."),
        ),
        cross(
            CrossKind::DayInMonth {
                year: "birth_year",
                month: "birth_month",
                day: "birth_day",
            },
            &inferred(U, update_model!("29"), "Customer's birth day", "No page states a day-in-month rule for the split birth fields (E-SL-15, #E-SL-21, #E-CHK-4)."),
        ),
    ],
    fast: OnceLock::new(),
};
