//! The simulator's providers: which networks receive numbers and what each donor requires.

use porting_model::{FieldName, ServiceProvider};
use serde::Deserialize;

const CATALOG_JSON: &str = include_str!("catalog.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkProvider {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Donor {
    pub id: String,
    pub name: String,
    pub country: String,
    pub recipient_providers: Vec<String>,
    /// What this donor needs before a port can be requested (besides itself).
    pub requires: Vec<FieldName>,
}

impl Donor {
    pub fn service_provider(&self) -> ServiceProvider {
        ServiceProvider {
            object: "serviceProvider".into(),
            id: self.id.clone(),
            name: self.name.clone(),
            recipient_providers: self.recipient_providers.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub network_providers: Vec<NetworkProvider>,
    pub service_providers: Vec<Donor>,
}

impl Catalog {
    /// The catalog shipped with the simulator.
    pub fn builtin() -> Self {
        serde_json::from_str(CATALOG_JSON).expect("the built-in catalog is valid")
    }

    pub fn network(&self, id: &str) -> Option<&NetworkProvider> {
        self.network_providers.iter().find(|n| n.id == id)
    }

    pub fn donor(&self, id: &str) -> Option<&Donor> {
        self.service_providers.iter().find(|d| d.id == id)
    }

    /// The service provider that stands for a network when it is the recipient of a porting.
    pub fn recipient(&self, network: &NetworkProvider) -> ServiceProvider {
        ServiceProvider {
            object: "serviceProvider".into(),
            id: format!("svp_{}", network.id),
            name: network.name.clone(),
            recipient_providers: vec![network.id.clone()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_donor_names_known_recipients_and_fields() {
        let catalog = Catalog::builtin();
        for donor in &catalog.service_providers {
            assert!(!donor.recipient_providers.is_empty(), "{}", donor.id);
            for network in &donor.recipient_providers {
                assert!(catalog.network(network).is_some(), "{} names {network}", donor.id);
            }
            assert!(donor.requires.iter().all(FieldName::is_known), "{}", donor.id);
        }
    }
}
