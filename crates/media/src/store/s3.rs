//! Media in an S3-compatible object store (MinIO, Ceph RGW, the data centre's S3 service): the
//! choice when several instances share one database and must see the same files.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::{
    Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload, RetryConfig,
};

use super::{MediaKey, StoreError, StoredObject};

/// Access key and secret. `Debug` does not print the secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct S3Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for S3Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"[redacted]")
            .finish()
    }
}

/// Where the bucket is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Config {
    pub bucket: String,
    /// e.g. `https://s3.rz.example`; `None` for AWS itself.
    pub endpoint: Option<String>,
    pub region: String,
    /// `https://host/bucket/key` instead of `https://bucket.host/key`; what most self-hosted
    /// servers expect.
    pub path_style: bool,
    /// Plain HTTP to the endpoint (only inside a trusted network or for tests).
    pub allow_http: bool,
    pub credentials: S3Credentials,
}

#[derive(Debug, Clone)]
pub struct S3Store {
    store: Arc<dyn ObjectStore>,
    bucket: String,
}

impl S3Store {
    pub fn new(config: &S3Config) -> Result<Self, StoreError> {
        // reqwest is built without a bundled TLS provider; the process uses ring everywhere.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.credentials.access_key_id)
            .with_secret_access_key(&config.credentials.secret_access_key)
            .with_virtual_hosted_style_request(!config.path_style)
            .with_allow_http(config.allow_http)
            .with_retry(retry());
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        let store = builder.build().map_err(StoreError::ObjectStore)?;
        Ok(Self {
            store: Arc::new(store),
            bucket: config.bucket.clone(),
        })
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    pub async fn put(
        &self,
        key: &MediaKey,
        bytes: Bytes,
        content_type: &str,
    ) -> Result<(), StoreError> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, content_type.to_owned().into());
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&path(key), PutPayload::from(bytes), options)
            .await?;
        Ok(())
    }

    pub async fn get(&self, key: &MediaKey) -> Result<StoredObject, StoreError> {
        let result = match self.store.get(&path(key)).await {
            Ok(result) => result,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(StoreError::NotFound(key.clone()));
            }
            Err(e) => return Err(e.into()),
        };
        let content_type = result
            .attributes
            .get(&Attribute::ContentType)
            .map(|v| v.to_string())
            .unwrap_or_else(|| key.content_type().to_owned());
        let bytes = result.bytes().await?;
        Ok(StoredObject {
            bytes,
            content_type,
        })
    }

    pub async fn delete(&self, key: &MediaKey) -> Result<(), StoreError> {
        match self.store.delete(&path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn list(&self, prefix: &str) -> Result<Vec<MediaKey>, StoreError> {
        let prefix = (!prefix.is_empty()).then(|| Path::from(prefix));
        let mut stream = self.store.list(prefix.as_ref());
        let mut keys = Vec::new();
        while let Some(meta) = stream.next().await {
            // Objects that no key could name (put there by other tools) are not listed.
            if let Ok(key) = MediaKey::parse(meta?.location.as_ref()) {
                keys.push(key);
            }
        }
        keys.sort();
        Ok(keys)
    }
}

/// A person waits for an upload: a few quick retries, not the library's three minutes.
fn retry() -> RetryConfig {
    RetryConfig {
        max_retries: 3,
        retry_timeout: Duration::from_secs(20),
        ..RetryConfig::default()
    }
}

fn path(key: &MediaKey) -> Path {
    // A MediaKey is already a valid object path: no empty, `.` or `..` segments.
    Path::from(key.as_str())
}
