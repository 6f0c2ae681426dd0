//! Fecify skill API: the create and update request bodies, each rule with the
//! sentence of the Fecify page it rests on. Only the two vendor pages document
//! these operations; FecShop (the open-source ancestor) only informs inferred
//! rules (spec/errata.md E-FEC-5, E-FEC-14, E-FEC-16).

use std::sync::OnceLock;

use shopspec_model::Api;
use shopspec_model::sources::{FECIFY_CREATE as CREATE_PAGE, FECIFY_UPDATE as UPDATE_PAGE};

use super::{CheckKind, Field, Format, Hint, Kind, ObjectSpec, Presence, rule};
use crate::evidence::{About, CREATE, Evidence, UPDATE, about, documented, inferred};

const C: About = about(Api::Fecify, CREATE);
/// FecShop's customer table (the ancestor's columns: inferred limits only).
macro_rules! fecshop {
    ($path:literal) => {
        concat!(
            "https://github.com/fecshop/yii2_fecshop/blob/2e5127995191495c2eecafb61e517b8bd68e4320/",
            $path
        )
    };
}
/// FecMall BBC's customer phone column.
const FECMALL_PHONE: &str = "https://github.com/fecmall/yii2_fecmall_fbbcbase/blob/8472aec3a1ca2310653e77130ec0c0ced8ffa49a/migrations/mysqldb/m190308_010213_fec_bbc_base.php#L271";
/// Why an undocumented body field is only a warning.
const LIST_ONLY: &str =
    "the page lists the body's fields but never says other keys are refused (E-FEC-13, E-CHK-9)";
const U: About = about(Api::Fecify, UPDATE);

// -- create: the page's parameter table ------------------------------------------

static C_BODY: Evidence = documented(C, CREATE_PAGE, "请求参数 (JSON Body)");
static C_UNKNOWN: Evidence = inferred(C, CREATE_PAGE, "请求参数 (JSON Body)", LIST_ONLY);
static C_PHONE_PREFIX_HINT: Evidence = inferred(
    C,
    CREATE_PAGE,
    "numberCode string 选填 手机号区号",
    "phone_prefix is the update page's name for the prefix; create documents numberCode (E-FEC-1)",
);
static C_EMAIL: Evidence = documented(C, CREATE_PAGE, "email string ✅ 必填 客户邮箱");
static C_FIRST_NAME: Evidence = documented(C, CREATE_PAGE, "first_name string ✅ 必填");
static C_LAST_NAME: Evidence = documented(C, CREATE_PAGE, "last_name string ✅ 必填");
static C_PHONE: Evidence = documented(C, CREATE_PAGE, "phone string 选填 手机号");
static C_ACCEPTS_MARKETING: Evidence = documented(
    C,
    CREATE_PAGE,
    "accepts_marketing int 选填 邮件订阅状态。1 = 接受营销邮件,2 = 拒绝营销邮件。默认 2",
);
static C_NUMBER_CODE: Evidence = documented(C, CREATE_PAGE, "numberCode string 选填 手机号区号");
static C_PAYAFTERUSE_STATUS: Evidence = documented(
    C,
    CREATE_PAGE,
    "payafteruse_status int 选填 先用后付状态。1 = 先用后付客户,2 = 非先用后付客户",
);
static C_PAYAFTERUSE_LEVEL: Evidence = documented(
    C,
    CREATE_PAGE,
    "payafteruse_level int 选填 先用后付额度等级",
);

// -- create: inferred -------------------------------------------------------------

static C_EMAIL_LENGTH: Evidence = inferred(
    C,
    fecshop!("migrations/mysqldb/m170228_072156_fecshop_tables.php#L228"),
    "`email` varchar(60) DEFAULT NULL COMMENT '邮箱',",
    "the Fecify page states no length; FecShop's customer table keeps 60 characters (E-FEC-5)",
);
static C_NAME_LENGTH: Evidence = inferred(
    C,
    fecshop!("migrations/mysqldb/m170228_072156_fecshop_tables.php#L229"),
    "`firstname` varchar(100) DEFAULT NULL,",
    "the Fecify page states no length; FecShop's customer table keeps 100 characters (E-FEC-5)",
);
static C_EMAIL_FORMAT: Evidence = inferred(
    C,
    fecshop!("models/mysqldb/customer/CustomerRegister.php#L35"),
    "['email', 'email'],",
    "the Fecify page states no format; FecShop's registration runs Yii's email validator (E-FEC-14)",
);
static C_PHONE_LENGTH: Evidence = inferred(
    C,
    FECMALL_PHONE,
    "ALTER TABLE  `customer` ADD  `phone` VARCHAR( 20 ) NULL COMMENT  '手机号' AFTER  `email`",
    "the Fecify page states no length; FecMall's customer.phone column is VARCHAR(20) (E-FEC-5)",
);
static C_LAST_NAME_NOT_EMPTY: Evidence = inferred(
    C,
    fecshop!("app/appserver/modules/Customer/controllers/RegisterController.php#L88"),
    "} elseif (strlen($lastname) < $minNameLength || strlen($lastname) > $maxNameLength) {",
    "the page says 必填 but not whether an empty string counts; FecShop refuses names shorter than one character (E-FEC-16)",
);
static C_LAST_NAME_LENGTH: Evidence = inferred(
    C,
    fecshop!("migrations/mysqldb/m170228_072156_fecshop_tables.php#L230"),
    "`lastname` varchar(100) DEFAULT NULL,",
    "the Fecify page states no length; FecShop's customer table keeps 100 characters (E-FEC-5)",
);
static C_NAME_NOT_EMPTY: Evidence = inferred(
    C,
    fecshop!("app/appserver/modules/Customer/controllers/RegisterController.php#L86"),
    "} elseif (strlen($firstname) < $minNameLength || strlen($firstname) > $maxNameLength) {",
    "the page says 必填 but not whether an empty string counts; FecShop refuses names shorter than one character (E-FEC-16)",
);
static C_EMAIL_NOT_EMPTY: Evidence = inferred(
    C,
    fecshop!("app/appserver/modules/Customer/controllers/RegisterController.php#L80-L81"),
    "$errorArr[] = 'email can not empty';",
    "the page says 必填 but not whether an empty string counts; FecShop refuses an empty email (E-FEC-16)",
);
/// The integer bound of the create body (an errata decision, so inferred).
pub(super) static C_INTEGERS: Evidence = inferred(
    C,
    "https://www.rfc-editor.org/rfc/rfc8259#section-6",
    "This specification allows implementations to set limits on the range and precision of numbers accepted.",
    "the page types integers as int but states no largest value; the signed 64-bit bound is decided in E-FEC-15",
);

// -- update: the page's parameter table and notes ----------------------------------

static U_BODY: Evidence = documented(U, UPDATE_PAGE, "请求参数 (JSON Body)");
static U_UNKNOWN: Evidence = inferred(U, UPDATE_PAGE, "请求参数 (JSON Body)", LIST_ONLY);
static U_NUMBER_CODE_HINT: Evidence = inferred(
    U,
    UPDATE_PAGE,
    "phone_prefix string 选填 手机号区号",
    "numberCode is the create page's name for the prefix; update documents phone_prefix (E-FEC-1)",
);
static U_ID: Evidence = documented(U, UPDATE_PAGE, "id int ✅ 必填 客户 ID");
static U_FIRST_NAME: Evidence = documented(U, UPDATE_PAGE, "first_name string 选填");
static U_LAST_NAME: Evidence = documented(U, UPDATE_PAGE, "last_name string 选填");
static U_PHONE: Evidence = documented(U, UPDATE_PAGE, "phone string 选填 手机号");
static U_PHONE_PREFIX: Evidence = documented(U, UPDATE_PAGE, "phone_prefix string 选填 手机号区号");
static U_ACCEPTS_MARKETING: Evidence = documented(
    U,
    UPDATE_PAGE,
    "accepts_marketing int 选填 邮件订阅状态。1 = 接受营销邮件,2 = 拒绝营销邮件",
);
static U_NOTE: Evidence = documented(U, UPDATE_PAGE, "note string 选填 客户备注");
static U_CUSTOMERVIP_ID: Evidence = documented(
    U,
    UPDATE_PAGE,
    "customervip_id int 选填 会员等级 ID。传空字符串 \"\" 表示不修改",
);
static U_PAYAFTERUSE_STATUS: Evidence = documented(
    U,
    UPDATE_PAGE,
    "payafteruse_status int 选填 先用后付状态。1 = 先用后付客户,2 = 非先用后付客户",
);
static U_PAYAFTERUSE_LEVEL: Evidence = documented(
    U,
    UPDATE_PAGE,
    "payafteruse_level int 选填 先用后付额度等级",
);
// The local copy lost the page's inline code marks: `email` 和 `status`.
static U_NOT_UPDATABLE: Evidence = documented(U, UPDATE_PAGE, "emailstatus 不可通过此接口修改");

// -- update: inferred ---------------------------------------------------------------

static U_NAME_LENGTH: Evidence = inferred(
    U,
    fecshop!("migrations/mysqldb/m170228_072156_fecshop_tables.php#L229"),
    "`firstname` varchar(100) DEFAULT NULL,",
    "the Fecify page states no length; FecShop's customer table keeps 100 characters (E-FEC-5)",
);
static U_LAST_NAME_NOT_EMPTY: Evidence = inferred(
    U,
    fecshop!("app/appserver/modules/Customer/controllers/EditaccountController.php#L112"),
    "} elseif (strlen($lastname) < $minNameLength || strlen($lastname) > $maxNameLength) {",
    "the page does not say whether an empty name may replace one create requires; FecShop's account edit refuses names shorter than one character (E-FEC-16)",
);
static U_LAST_NAME_LENGTH: Evidence = inferred(
    U,
    fecshop!("migrations/mysqldb/m170228_072156_fecshop_tables.php#L230"),
    "`lastname` varchar(100) DEFAULT NULL,",
    "the Fecify page states no length; FecShop's customer table keeps 100 characters (E-FEC-5)",
);
static U_NAME_NOT_EMPTY: Evidence = inferred(
    U,
    fecshop!("app/appserver/modules/Customer/controllers/EditaccountController.php#L109"),
    "} elseif (strlen($firstname) < $minNameLength || strlen($firstname) > $maxNameLength) {",
    "the page does not say whether an empty name may replace one create requires; FecShop's account edit refuses names shorter than one character (E-FEC-16)",
);
static U_PHONE_LENGTH: Evidence = inferred(
    U,
    FECMALL_PHONE,
    "ALTER TABLE  `customer` ADD  `phone` VARCHAR( 20 ) NULL COMMENT  '手机号' AFTER  `email`",
    "the Fecify page states no length; FecMall's customer.phone column is VARCHAR(20) (E-FEC-5)",
);
/// The integer bound of the update body (an errata decision, so inferred).
pub(super) static U_INTEGERS: Evidence = inferred(
    U,
    "https://www.rfc-editor.org/rfc/rfc8259#section-6",
    "This specification allows implementations to set limits on the range and precision of numbers accepted.",
    "the page types integers as int but states no largest value; the signed 64-bit bound is decided in E-FEC-15",
);

const ONE_OR_TWO: &[i64] = &[1, 2];

pub(super) static FECIFY_CREATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::string("email", &C_EMAIL).required().checks(&[
            rule(CheckKind::MinLength(1), &C_EMAIL_NOT_EMPTY),
            rule(CheckKind::MaxLength(60), &C_EMAIL_LENGTH),
            rule(CheckKind::Format(Format::Email), &C_EMAIL_FORMAT),
        ]),
        Field::string("first_name", &C_FIRST_NAME)
            .required()
            .checks(&[
                rule(CheckKind::MinLength(1), &C_NAME_NOT_EMPTY),
                rule(CheckKind::MaxLength(100), &C_NAME_LENGTH),
            ]),
        Field::string("last_name", &C_LAST_NAME)
            .required()
            .checks(&[
                rule(CheckKind::MinLength(1), &C_LAST_NAME_NOT_EMPTY),
                rule(CheckKind::MaxLength(100), &C_LAST_NAME_LENGTH),
            ]),
        Field::string("phone", &C_PHONE).checks(&[rule(CheckKind::MaxLength(20), &C_PHONE_LENGTH)]),
        Field::int("accepts_marketing", &C_ACCEPTS_MARKETING)
            .checks(&[rule(CheckKind::IntEnum(ONE_OR_TWO), &C_ACCEPTS_MARKETING)]),
        Field::string("numberCode", &C_NUMBER_CODE),
        Field::int("payafteruse_status", &C_PAYAFTERUSE_STATUS)
            .checks(&[rule(CheckKind::IntEnum(ONE_OR_TWO), &C_PAYAFTERUSE_STATUS)]),
        Field::int("payafteruse_level", &C_PAYAFTERUSE_LEVEL),
    ],
    shape: &C_BODY,
    unknown: &C_UNKNOWN,
    hints: &[Hint {
        name: "phone_prefix",
        instead: "numberCode",
        ev: &C_PHONE_PREFIX_HINT,
    }],
    cross: &[],
    fast: OnceLock::new(),
};

pub(super) static FECIFY_UPDATE: ObjectSpec = ObjectSpec {
    fields: &[
        Field::int("id", &U_ID).required(),
        Field::string("first_name", &U_FIRST_NAME).checks(&[
            rule(CheckKind::MinLength(1), &U_NAME_NOT_EMPTY),
            rule(CheckKind::MaxLength(100), &U_NAME_LENGTH),
        ]),
        Field::string("last_name", &U_LAST_NAME).checks(&[
            rule(CheckKind::MinLength(1), &U_LAST_NAME_NOT_EMPTY),
            rule(CheckKind::MaxLength(100), &U_LAST_NAME_LENGTH),
        ]),
        Field::string("phone", &U_PHONE).checks(&[rule(CheckKind::MaxLength(20), &U_PHONE_LENGTH)]),
        Field::string("phone_prefix", &U_PHONE_PREFIX),
        Field::int("accepts_marketing", &U_ACCEPTS_MARKETING)
            .checks(&[rule(CheckKind::IntEnum(ONE_OR_TWO), &U_ACCEPTS_MARKETING)]),
        Field::string("note", &U_NOTE),
        Field::new("customervip_id", Kind::IntOrEmpty, &U_CUSTOMERVIP_ID),
        Field::int("payafteruse_status", &U_PAYAFTERUSE_STATUS)
            .checks(&[rule(CheckKind::IntEnum(ONE_OR_TWO), &U_PAYAFTERUSE_STATUS)]),
        Field::int("payafteruse_level", &U_PAYAFTERUSE_LEVEL),
        // The store would silently ignore them.
        Field::string("email", &U_NOT_UPDATABLE)
            .presence_by(Presence::NotUpdatable, &U_NOT_UPDATABLE),
        Field::int("status", &U_NOT_UPDATABLE)
            .presence_by(Presence::NotUpdatable, &U_NOT_UPDATABLE),
    ],
    shape: &U_BODY,
    unknown: &U_UNKNOWN,
    hints: &[Hint {
        name: "numberCode",
        instead: "phone_prefix",
        ev: &U_NUMBER_CODE_HINT,
    }],
    cross: &[],
    fast: OnceLock::new(),
};
