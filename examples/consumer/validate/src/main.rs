//! Validates one payload with shopspec-validate, as a dependent crate would.

use shopspec_validate::{Api, Operation, Target, validate_value};

fn main() {
    let target = Target::new(Api::Fecify, Operation::CreateCustomer);
    let payload = serde_json::json!({ "email": "li@example.com", "first_name": "yunlong" });
    let report = validate_value(target, &payload);
    assert!(!report.is_valid(), "last_name is required");
    println!("{} finding(s)", report.errors.len());
}
