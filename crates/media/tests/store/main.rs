//! Media storage: the same contract for the folder and the S3-compatible store.

mod contract;
mod folder;
mod s3;
