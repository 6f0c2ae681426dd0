//! One type for the three clients, for code that handles every API the same
//! way. It sits above the per-API clients, which know nothing of it.

use shopspec_model::{Api, Operation};

use crate::raw::{RawBody, RawRequest, RawResponse};
use crate::{Error, fecify, myshopline, shopline};

/// Any of the three clients, for code that handles every API the same way
/// (conformance checks, the CLI).
#[derive(Debug, Clone)]
pub enum AnyClient {
    /// A Fecify client.
    Fecify(fecify::Client),
    /// A SHOPLINE Open API client.
    Shopline(shopline::Client),
    /// A SHOPLINE Admin REST API client.
    Myshopline(myshopline::Client),
}

impl AnyClient {
    /// The API this client talks to.
    pub fn api(&self) -> Api {
        match self {
            AnyClient::Fecify(_) => Api::Fecify,
            AnyClient::Shopline(_) => Api::Shopline,
            AnyClient::Myshopline(_) => Api::Myshopline,
        }
    }

    /// See [`fecify::Client::send_raw`].
    pub async fn send_raw(
        &self,
        operation: Operation,
        id: Option<&str>,
        body: RawBody,
    ) -> Result<RawResponse, Error> {
        match self {
            AnyClient::Fecify(c) => c.send_raw(operation, id, body).await,
            AnyClient::Shopline(c) => c.send_raw(operation, id, body).await,
            AnyClient::Myshopline(c) => c.send_raw(operation, id, body).await,
        }
    }

    /// See [`fecify::Client::send_raw_request`].
    pub async fn send_raw_request(&self, request: RawRequest) -> Result<RawResponse, Error> {
        match self {
            AnyClient::Fecify(c) => c.send_raw_request(request).await,
            AnyClient::Shopline(c) => c.send_raw_request(request).await,
            AnyClient::Myshopline(c) => c.send_raw_request(request).await,
        }
    }
}

impl From<fecify::Client> for AnyClient {
    fn from(client: fecify::Client) -> Self {
        AnyClient::Fecify(client)
    }
}

impl From<shopline::Client> for AnyClient {
    fn from(client: shopline::Client) -> Self {
        AnyClient::Shopline(client)
    }
}

impl From<myshopline::Client> for AnyClient {
    fn from(client: myshopline::Client) -> Self {
        AnyClient::Myshopline(client)
    }
}
