//! [`Token`]: an access token that never shows up in `Debug` output or logs.

use std::fmt;

/// An access token (Fecify `skill-access-token`, SHOPLINE bearer token).
///
/// `Debug` prints `Token(***)` and there is no `Display`, so a token cannot end
/// up in a log line or an error message by accident; read it with
/// [`Token::expose_secret`] only where it is put on the wire.
///
/// ```
/// use shopspec_client::Token;
/// let token = Token::new("s3cr3t");
/// assert_eq!(format!("{token:?}"), "Token(***)");
/// assert_eq!(token.expose_secret(), "s3cr3t");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Token(Box<str>);

impl Token {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Token(token.into().into_boxed_str())
    }

    /// The token itself. Only call this to put it on the wire.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// `true` for an empty token (which no store accepts).
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

impl From<String> for Token {
    fn from(token: String) -> Self {
        Token::new(token)
    }
}

impl From<&str> for Token {
    fn from(token: &str) -> Self {
        Token::new(token)
    }
}

impl From<&String> for Token {
    fn from(token: &String) -> Self {
        Token::new(token.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_even_when_nested() {
        let token = Token::new("abc-123-secret");
        assert_eq!(format!("{token:?}"), "Token(***)");
        assert!(!format!("{:?}", Some(vec![token.clone()])).contains("abc-123-secret"));
        assert!(!format!("{token:#?}").contains("abc-123-secret"));
    }

    #[test]
    fn blank_tokens_are_empty() {
        assert!(Token::new("").is_empty());
        assert!(Token::new("  ").is_empty());
        assert!(!Token::new("x").is_empty());
    }
}
