//! Where each documented behaviour comes from: the one home of the doc-source
//! URLs that rules, cases and errata cite.
//!
//! Every source is something a user can open: a vendor page URL, or a file of
//! a public repository at a pinned commit (the official SDKs, FecShop). A rule
//! that only a third party or the ancestor states is inferred, and shopspec
//! reports it as a warning, never as a failure.
//!
//! ```
//! use shopspec_model::sources;
//! assert!(sources::FECIFY_CREATE.starts_with("https://www.fecify.com/"));
//! assert!(sources::MYSHOPLINE_FLOW_CONTROL.starts_with("https://developer.shopline.com/"));
//! ```

// -- Fecify skill API -----------------------------------------------------------

/// The Fecify create-customer page.
pub const FECIFY_CREATE: &str =
    "https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-create.html";
/// The Fecify update-customer page.
pub const FECIFY_UPDATE: &str =
    "https://www.fecify.com/doc-3/cn-1.0/fecify-skill-api-customer-update.html";
/// FecShop `customer` table (email varchar(60), firstname/lastname varchar(100)):
/// only an inferred limit for Fecify.
pub const FECIFY_GUESS_COLUMNS: &str = "https://github.com/fecshop/yii2_fecshop/blob/2e5127995191495c2eecafb61e517b8bd68e4320/migrations/mysqldb/m170228_072156_fecshop_tables.php#L224-L244";
/// FecMall BBC `customer.phone` VARCHAR(20): inferred.
pub const FECIFY_GUESS_PHONE: &str = "https://github.com/fecmall/yii2_fecmall_fbbcbase/blob/8472aec3a1ca2310653e77130ec0c0ced8ffa49a/migrations/mysqldb/m190308_010213_fec_bbc_base.php";
/// FecShop's app-server registration refuses names shorter than one character: inferred.
pub const FECIFY_GUESS_NAMES: &str = "https://github.com/fecshop/yii2_fecshop/blob/2e5127995191495c2eecafb61e517b8bd68e4320/app/appserver/modules/Customer/controllers/RegisterController.php";
/// FecShop registration runs Yii's email validator: inferred.
pub const FECIFY_GUESS_EMAIL: &str = "https://github.com/fecshop/yii2_fecshop/blob/2e5127995191495c2eecafb61e517b8bd68e4320/models/mysqldb/customer/CustomerRegister.php#L29-L80";

// -- SHOPLINE Open API ------------------------------------------------------------

/// The SHOPLINE Open API create-customer reference page (the page the
/// project started from).
pub const SHOPLINE_SEED: &str = "https://open-api.docs.shoplineapp.com/reference/post_customers-1";
/// The SHOPLINE Open API create-customer guide.
pub const SHOPLINE_CREATE: &str = "https://open-api.docs.shoplineapp.com/docs/create-customer";
/// The SHOPLINE Open API update-customer guide.
pub const SHOPLINE_UPDATE: &str = "https://open-api.docs.shoplineapp.com/docs/update-customer";
/// The SHOPLINE Open API update-customer reference.
pub const SHOPLINE_UPDATE_REFERENCE: &str =
    "https://open-api.docs.shoplineapp.com/reference/put_customers-id-1";
/// The SHOPLINE Open API create-customer reference (no email format documented).
pub const SHOPLINE_CREATE_REFERENCE: &str =
    "https://open-api.docs.shoplineapp.com/reference/post_customers-1";
/// The generated SDK's create body model (field types and enums).
pub const SHOPLINE_CREATE_SDK: &str = "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/create_customer_body.py";
/// The generated SDK's delivery address model.
pub const SHOPLINE_ADDRESS_SDK: &str = "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/order_delivery_address.py";
/// The generated SDK's update-customer endpoint (its documented error statuses).
pub const SHOPLINE_ERRORS_SDK: &str = "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/apis/customers/update_customer.py";
/// The generated SDK's customer model (response field types).
pub const SHOPLINE_CUSTOMER_SDK: &str = "https://github.com/HsOjo/shopline-sdk-python/blob/a51d5c94192adeca1574a616a80e025c34a5e947/shopline_sdk/models/customer.py";

// -- SHOPLINE Admin REST API (myshopline) ---------------------------------------------

/// The myshopline update-customer page for v20220901, in Chinese (the page the
/// project started from).
pub const MYSHOPLINE_SEED: &str = "https://developer.shopline.com/zh-hans-cn/docs/admin-rest-api/customer/customer-information/update-a-customer?version=v20220901";
/// The myshopline create-customer page.
pub const MYSHOPLINE_CREATE: &str = "https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/create-a-customer";
/// The myshopline update-customer page.
pub const MYSHOPLINE_UPDATE: &str = "https://developer.shopline.com/docs/admin-rest-api/customer/customer-information/update-a-customer";
/// The official Go SDK's update-customer request (v20260301).
pub const MYSHOPLINE_UPDATE_SDK: &str = "https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/update_a_customer.go";
/// The official Go SDK's create-customer request (v20260301).
pub const MYSHOPLINE_CREATE_SDK: &str = "https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/create_a_customer.go";
/// The official Go SDK's customer search (the consent fields' values).
pub const MYSHOPLINE_CONSENT_SDK: &str = "https://github.com/shoplineos/shopline-sdk-go/blob/f73904cdac290da774a8a985674ed5104cdc71df/rest/admin/v20260301/customer/search_for_customers.go";
/// A third-party template, the only source of the 50-character limit of
/// `consent_collected_from`: inferred.
pub const MYSHOPLINE_CONSENT_GUESS: &str =
    "https://nango.dev/docs/api-integrations/shopline/connect";
/// The API versioning guide.
pub const MYSHOPLINE_VERSIONS: &str =
    "https://developer.shopline.com/docs/apps/api-instructions-for-use/api-versioning-guide";
/// The HTTP status code page (400, 401, 404, 422, 429 ...).
pub const MYSHOPLINE_STATUS: &str =
    "https://developer.shopline.com/docs/apps/api-instructions-for-use/http-status-code";
/// The flow-control page: leaky bucket, 4 requests a second, bucket 40.
pub const MYSHOPLINE_FLOW_CONTROL: &str = "https://developer.shopline.com/zh-hans-cn/docs/apps/api-instructions-for-use/rest-admin-api/flow-control.md";
/// The rate-limit plans (standard, Enterprise unlimited).
pub const MYSHOPLINE_RATE_LIMIT_PLANS: &str = "https://developer.shopline.com/zh-hans-cn/docs/apps/api-instructions-for-use/shopline-api-rate-limit";
