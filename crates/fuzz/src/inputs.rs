//! Input generation: proptest strategies of the validator (valid payloads,
//! single-rule mutations, arbitrary JSON), the documented examples of `spec/`,
//! structural mutations that put hostile values at documented fields, and
//! byte-level mutations of all of them.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use shopspec_conformance::ExampleKind;
use shopspec_validate::{Api, Operation, Target, catalogue, testing};

use crate::{Entry, TOKEN, targets};

/// Payloads drawn from each proptest strategy per target when the generator starts.
const POOL_PER_STRATEGY: usize = 48;

/// Numbers just inside and just beyond every range a store keeps, as JSON text.
pub(crate) const HOSTILE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "3",
    "5",
    "255",
    "2147483648",
    "9007199254740993",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1e20",
    "1.5",
    "-1.5",
    "0.0",
    "1e308",
    "1e400",
    "-1e400",
    "1E2",
    "2e-320",
];

/// Byte fragments spliced into JSON text.
const FRAGMENTS: &[&[u8]] = &[
    b"\"\\ud800\"",
    b"\"\\udc00\\ud800\"",
    b"\"\\u0000\"",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\x00",
    b"NaN",
    b"Infinity",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"\"\"",
    b",",
    b":",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b"\"customer\":",
    b"\"email\":\"fz@example.com\"",
    b"\"id\":574",
    b"\xef\xbb\xbf",
];

/// Strings that stress lengths, encodings and formats.
fn hostile_string(rng: &mut StdRng) -> String {
    let pick = rng.random_range(0..16);
    match pick {
        0 => String::new(),
        1 => " ".into(),
        2 => {
            let n = [
                49, 50, 51, 99, 100, 101, 127, 128, 129, 255, 256, 1000, 1001, 5000,
            ][rng.random_range(0..14)];
            "a".repeat(n)
        }
        3 => "😀".repeat(rng.random_range(1..130)),
        4 => "\u{0}\u{1b}[31m\u{202e}".into(),
        5 => "2013-11-11".into(),
        6 => "20131111".into(),
        7 => "2023-02-30".into(),
        8 => "0000-00-00".into(),
        9 => "true".into(),
        10 => "1".into(),
        11 => format!("fz{}@example.com", rng.random::<u32>()),
        12 => "a@b".into(),
        13 => "\u{FFFE}\u{FFFF}é".into(),
        14 => TOKEN.into(),
        _ => "+1 565689891".into(),
    }
}

/// One hostile JSON value.
pub(crate) fn hostile_value(rng: &mut StdRng) -> Value {
    match rng.random_range(0..10) {
        0..=3 => {
            let text = HOSTILE_NUMBERS[rng.random_range(0..HOSTILE_NUMBERS.len())];
            // `1e400` and friends are not representable: they stay text mutations.
            serde_json::from_str(text).unwrap_or(Value::Null)
        }
        4..=6 => Value::String(hostile_string(rng)),
        7 => Value::Bool(rng.random()),
        8 => Value::Null,
        _ => {
            let depth = rng.random_range(1..40);
            let mut v = json!([]);
            for _ in 0..depth {
                v = if rng.random() {
                    json!([v])
                } else {
                    json!({"a": v})
                };
            }
            v
        }
    }
}

/// Sets `value` at `pointer` (a catalogue template: `*` is an array index),
/// creating objects and arrays on the way.
fn set_at(root: &mut Value, pointer: &str, value: Value, rng: &mut StdRng) {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    if tokens.is_empty() {
        *root = value;
        return;
    }
    let mut node = root;
    for (i, token) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        if *token == "*" {
            if !node.is_array() {
                *node = json!([]);
            }
            let Value::Array(items) = node else { return };
            let index = rng.random_range(0..3);
            while items.len() <= index {
                items.push(json!({}));
            }
            node = &mut items[index];
        } else {
            if !node.is_object() {
                *node = json!({});
            }
            let Value::Object(map) = node else { return };
            node = map.entry((*token).to_owned()).or_insert(Value::Null);
        }
        if last {
            *node = value;
            return;
        }
    }
}

fn remove_at(root: &mut Value, pointer: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    if let Some(Value::Object(map)) = root.pointer_mut(parent) {
        map.shift_remove(key);
    }
}

/// Generates inputs for every entry point from one seed.
pub struct Generator {
    rng: StdRng,
    /// Payloads per target (index of [`targets`]).
    payloads: Vec<Vec<Value>>,
    /// The valid ones among them, per target.
    valid: Vec<Vec<Value>>,
    /// Documented field pointers per target.
    pointers: Vec<Vec<String>>,
    /// Answer bodies per API (index of [`Api::ALL`]).
    answers: Vec<Vec<Vec<u8>>>,
    serial: u64,
}

impl Generator {
    /// A generator whose inputs depend only on `seed`.
    pub fn new(seed: u64) -> Generator {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut seed_bytes = [0u8; 32];
        rng.fill(&mut seed_bytes);
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
        );
        let mut payloads = Vec::new();
        let mut valid = Vec::new();
        let mut pointers = Vec::new();
        for target in targets() {
            let mut pool = Vec::new();
            let mut good = Vec::new();
            for _ in 0..POOL_PER_STRATEGY {
                if let Ok(tree) = testing::valid_payload(target).new_tree(&mut runner) {
                    pool.push(tree.current());
                    good.push(tree.current());
                }
                if let Ok(tree) = testing::mutation(target).new_tree(&mut runner) {
                    pool.push(tree.current().payload);
                }
                if let Ok(tree) = testing::arbitrary_json().new_tree(&mut runner) {
                    pool.push(tree.current());
                }
            }
            for example in shopspec_conformance::examples() {
                if example.api == target.api
                    && example.operation == target.operation
                    && example.kind == ExampleKind::Request
                {
                    pool.push(example.value.clone());
                }
            }
            let mut ptrs: Vec<String> = catalogue(target).into_iter().map(|e| e.pointer).collect();
            ptrs.sort();
            ptrs.dedup();
            if good.is_empty() {
                good.push(Value::Object(serde_json::Map::new()));
            }
            payloads.push(pool);
            valid.push(good);
            pointers.push(ptrs);
        }
        let answers = Api::ALL.iter().map(|api| answer_seeds(*api)).collect();
        Generator {
            rng,
            payloads,
            valid,
            pointers,
            answers,
            serial: 0,
        }
    }

    /// Restarts the random choices from `seed`, keeping the payload pools
    /// (which depend only on the seed given to [`Generator::new`]).
    pub fn reseed(&mut self, seed: u64) {
        self.rng = StdRng::seed_from_u64(seed);
    }

    /// The next input for `entry`, in the byte layout its check reads.
    pub fn input(&mut self, entry: Entry) -> Vec<u8> {
        match entry {
            Entry::Validate => {
                let t = self.rng.random_range(0..self.payloads.len());
                let mut out = vec![t as u8];
                out.extend(self.payload_bytes(t));
                out
            }
            Entry::Model => {
                let t = self.rng.random_range(0..self.payloads.len());
                if self.rng.random_range(0..4) == 0 {
                    let api = self.rng.random_range(0..Api::ALL.len());
                    self.answer_bytes(api)
                } else {
                    self.payload_bytes(t)
                }
            }
            Entry::Sandbox => self.sandbox_input(),
            Entry::Client => self.client_input(),
            Entry::Report | Entry::Junit => {
                let len = self.rng.random_range(0..4096);
                let mut out = vec![0u8; len];
                self.rng.fill(&mut out[..]);
                out
            }
        }
    }

    fn selector(&mut self, hostile_from: u8) -> u8 {
        // Mostly the documented choice (0), sometimes a hostile one: one in
        // 25 per selector, so most requests get past the headers to the body.
        if self.rng.random_range(0..25) == 0 {
            self.rng.random_range(hostile_from..=255)
        } else {
            0
        }
    }

    fn sandbox_input(&mut self) -> Vec<u8> {
        let t = self.rng.random_range(0..self.payloads.len());
        let mut out = vec![
            t as u8,
            self.selector(230),
            self.selector(235),
            self.selector(220),
            self.selector(245),
            self.rng.random_range(0..220),
            self.selector(240),
            self.selector(230),
        ];
        if self.rng.random_range(0..25) == 0 {
            out[5] = self.rng.random_range(220..=255);
        }
        let target = targets()[t];
        let body = match self.rng.random_range(0..6) {
            // Valid payloads as they are, or with one hostile value at a
            // documented field, reach the store: what it keeps is checked.
            0..=2 => {
                let pool = &self.valid[t];
                let mut v = pool[self.rng.random_range(0..pool.len())].clone();
                if self.rng.random() {
                    let ptrs = &self.pointers[t];
                    if !ptrs.is_empty() {
                        let pointer = ptrs[self.rng.random_range(0..ptrs.len())].clone();
                        let value = hostile_value(&mut self.rng);
                        set_at(&mut v, &pointer, value, &mut self.rng);
                    }
                }
                self.make_storable(target, &mut v);
                serde_json::to_vec(&v).unwrap_or_default()
            }
            3..=4 => {
                let mut v = self.structured(t);
                self.make_storable(target, &mut v);
                serde_json::to_vec(&v).unwrap_or_default()
            }
            _ => self.payload_bytes(t),
        };
        out.extend(body);
        out
    }

    /// Unique emails and a known Fecify id, so that many inputs get past the
    /// duplicate and unknown-id checks to the store.
    fn make_storable(&mut self, target: Target, v: &mut Value) {
        self.serial += 1;
        let email = format!("fz{}-{}@example.com", self.serial, self.rng.random::<u32>());
        let customer = match (target.api, v) {
            (Api::Myshopline, Value::Object(m)) => match m.get_mut("customer") {
                Some(Value::Object(c)) => c,
                _ => return,
            },
            (_, Value::Object(m)) => m,
            _ => return,
        };
        if customer.get("email").is_some_and(Value::is_string) && self.rng.random_range(0..8) != 0 {
            customer.insert("email".into(), json!(email));
        }
        if target.api == Api::Fecify && target.operation == Operation::UpdateCustomer {
            customer.insert("id".into(), json!(574 + self.rng.random_range(0..3)));
        }
    }

    /// A pool payload with 0 to 3 hostile values at documented fields.
    fn structured(&mut self, t: usize) -> Value {
        let pool = &self.payloads[t];
        let mut v = pool[self.rng.random_range(0..pool.len())].clone();
        let changes = self.rng.random_range(0..4);
        for _ in 0..changes {
            let ptrs = &self.pointers[t];
            if ptrs.is_empty() {
                break;
            }
            let pointer = ptrs[self.rng.random_range(0..ptrs.len())].clone();
            if self.rng.random_range(0..6) == 0 {
                remove_at(&mut v, &pointer);
            } else {
                let value = hostile_value(&mut self.rng);
                set_at(&mut v, &pointer, value, &mut self.rng);
            }
        }
        v
    }

    /// JSON text for target `t`: structured, then maybe byte-mutated.
    fn payload_bytes(&mut self, t: usize) -> Vec<u8> {
        let v = self.structured(t);
        let mut bytes = serde_json::to_vec(&v).unwrap_or_default();
        match self.rng.random_range(0..10) {
            0..=3 => {}
            4..=5 => self.replace_number(&mut bytes),
            6..=8 => self.mutate_bytes(&mut bytes),
            _ => {
                let len = self.rng.random_range(0..64);
                bytes = (0..len).map(|_| self.rng.random()).collect();
            }
        }
        bytes
    }

    /// Replaces one number of the text with a hostile number.
    fn replace_number(&mut self, bytes: &mut Vec<u8>) {
        let starts: Vec<usize> = (0..bytes.len())
            .filter(|&i| {
                (bytes[i].is_ascii_digit() || bytes[i] == b'-')
                    && (i == 0 || matches!(bytes[i - 1], b':' | b'[' | b','))
            })
            .collect();
        let text = HOSTILE_NUMBERS[self.rng.random_range(0..HOSTILE_NUMBERS.len())].as_bytes();
        if starts.is_empty() {
            // No number: add a documented-looking field with one.
            if bytes.first() == Some(&b'{') && bytes.len() > 2 {
                let mut field = b"\"birth_year\":".to_vec();
                field.extend_from_slice(text);
                field.push(b',');
                bytes.splice(1..1, field);
            }
            return;
        }
        let start = starts[self.rng.random_range(0..starts.len())];
        let mut end = start + 1;
        while end < bytes.len()
            && matches!(bytes[end], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
        {
            end += 1;
        }
        bytes.splice(start..end, text.iter().copied());
    }

    /// 1 to 8 byte-level mutations: flips, inserts, deletions, duplications,
    /// fragments, truncation.
    fn mutate_bytes(&mut self, bytes: &mut Vec<u8>) {
        let n = self.rng.random_range(1..=8);
        for _ in 0..n {
            let len = bytes.len();
            match self.rng.random_range(0..8) {
                0 if len > 0 => {
                    let i = self.rng.random_range(0..len);
                    bytes[i] ^= 1 << self.rng.random_range(0..8);
                }
                1 if len > 0 => {
                    let i = self.rng.random_range(0..len);
                    bytes[i] = self.rng.random();
                }
                2 => {
                    let i = self.rng.random_range(0..=len);
                    bytes.insert(i, self.rng.random());
                }
                3 if len > 0 => {
                    let i = self.rng.random_range(0..len);
                    let j = self.rng.random_range(i..=len.min(i + 16));
                    bytes.drain(i..j);
                }
                4 if len > 0 => {
                    let i = self.rng.random_range(0..len);
                    let j = self.rng.random_range(i..=len.min(i + 32));
                    let chunk: Vec<u8> = bytes[i..j].to_vec();
                    bytes.splice(i..i, chunk);
                }
                5 => {
                    let f = FRAGMENTS[self.rng.random_range(0..FRAGMENTS.len())];
                    let i = self.rng.random_range(0..=len);
                    bytes.splice(i..i, f.iter().copied());
                }
                6 if len > 0 => {
                    let i = self.rng.random_range(0..len);
                    bytes.truncate(i);
                }
                _ => {
                    // Deep nesting around the whole text.
                    let depth = self.rng.random_range(1..300);
                    let mut wrapped = vec![b'['; depth];
                    wrapped.append(bytes);
                    wrapped.extend(std::iter::repeat_n(b']', depth));
                    *bytes = wrapped;
                }
            }
        }
    }

    fn answer_bytes(&mut self, api: usize) -> Vec<u8> {
        let seeds = &self.answers[api];
        let mut bytes = seeds[self.rng.random_range(0..seeds.len())].clone();
        match self.rng.random_range(0..6) {
            0 => {}
            1 | 2 => self.replace_number(&mut bytes),
            _ => self.mutate_bytes(&mut bytes),
        }
        bytes
    }

    fn client_input(&mut self) -> Vec<u8> {
        let api = self.rng.random_range(0..Api::ALL.len());
        let op = self.rng.random_range(0..2u8);
        let status: u16 = match self.rng.random_range(0..10) {
            0..=4 => 200,
            5..=8 => [201, 204, 400, 401, 404, 405, 413, 422, 429, 500, 502, 503]
                [self.rng.random_range(0..12)],
            _ => self.rng.random_range(0..=1000),
        };
        let mut out = vec![(api as u8) * 2 + op];
        out.extend_from_slice(&status.to_be_bytes());
        out.push(self.selector(200));
        out.extend(self.answer_bytes(api));
        out
    }
}

/// Answer bodies to mutate: the documented response examples and what the
/// sandbox answers, for success and failure.
fn answer_seeds(api: Api) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = shopspec_conformance::examples()
        .iter()
        .filter(|e| e.api == api && e.kind == ExampleKind::Response)
        .filter_map(|e| serde_json::to_vec(&e.value).ok())
        .collect();
    let extra = match api {
        Api::Fecify => vec![
            json!({"code": 200, "data": {"id": 574, "shop_id": 15, "email": "li@example.com",
                "first_name": "yunlong", "last_name": "li", "status": 5, "note": "",
                "phone": "", "accepts_marketing": 2, "customervip_id": 0,
                "created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00"},
                "message": "success"}),
            json!({"code": 1100001, "data": [], "message": "account register data is invalid"}),
            json!({"code": 1100003, "data": [], "message": format!("token {TOKEN} is time out")}),
        ],
        Api::Shopline => vec![
            json!({"id": "5ce0d084e388096bdb229a59", "email": "li@example.com", "phones": [],
                "birth_year": 2000, "order_count": 0, "is_member": false}),
            json!({"message": "Email has already been taken", "code": "email_taken",
                "error": "x", "extras": {}}),
            json!({"message": format!("bad token {TOKEN}"), "code": TOKEN}),
        ],
        Api::Myshopline => vec![
            json!({"customer": {"id": "4211465524", "email": "li@example.com", "addresses": [],
                "orders_count": 0, "state": 1}}),
            json!({"errors": "Too many request"}),
            json!({"errors": {"email": [format!("taken {TOKEN}")]}}),
        ],
    };
    out.extend(extra.iter().filter_map(|v| serde_json::to_vec(v).ok()));
    out.push(b"<html><body>502 Bad Gateway</body></html>".to_vec());
    out.push(Vec::new());
    out.push(b"{}".to_vec());
    out
}
