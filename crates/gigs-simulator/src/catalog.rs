//! The simulator's providers (`catalog.json`): the networks that receive numbers (US, UK,
//! Ireland), the brands numbers are ported from, and what each needs before a port can be
//! requested. The requirements are illustrative, not any carrier's published policy: Optimum
//! Mobile's billing PIN and the Irish donors' account type stand for Gigs' newer fields. The ids
//! are stable, so tests and demos may name them.

use porting_model::{FieldName, ServiceProvider};
use serde::Deserialize;

const CATALOG_JSON: &str = include_str!("catalog.json");

/// A recipient network, such as `p9`, whose portings the simulated project creates.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkProvider {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// What every porting to this network needs, whatever its donor.
    pub requires: Vec<FieldName>,
}

/// A service provider numbers are ported from.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Donor {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
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

    pub fn ports_to(&self, network: &str) -> bool {
        self.recipient_providers.iter().any(|r| r == network)
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

    /// Any service provider by id: a donor, or a network's own brand (the `recipientProvider`
    /// of its portings), so every id a porting shows can be retrieved.
    pub fn service_provider(&self, id: &str) -> Option<ServiceProvider> {
        self.donor(id).map(Donor::service_provider).or_else(|| {
            self.network_providers.iter().map(|network| self.recipient(network)).find(|brand| brand.id == id)
        })
    }

    /// The donors in catalog order: what the service provider list shows. A network's own
    /// brand is not among them, as nobody ports a number from a network to itself.
    pub fn donors(&self) -> Vec<ServiceProvider> {
        self.service_providers.iter().map(Donor::service_provider).collect()
    }

    /// What a porting to `network` from `donor` (when known) needs, in the documented order.
    pub fn requirements(&self, network: &NetworkProvider, donor: Option<&Donor>) -> Vec<FieldName> {
        let needed = |field: &&FieldName| {
            network.requires.contains(field) || donor.is_some_and(|donor| donor.requires.contains(field))
        };
        FieldName::KNOWN.iter().filter(needed).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::validate::{donor_provider, CalendarDate, Context, PinKind};
    use porting_model::Behavior;

    const US_DONOR_NEEDS: [FieldName; 5] = [
        FieldName::AccountNumber,
        FieldName::AccountPin,
        FieldName::Address,
        FieldName::FirstName,
        FieldName::LastName,
    ];

    #[test]
    fn ids_are_unique_safe_and_name_their_country() {
        let catalog = Catalog::builtin();
        let mut ids: Vec<String> = catalog.service_providers.iter().map(|d| d.id.clone()).collect();
        ids.extend(catalog.network_providers.iter().map(|n| catalog.recipient(n).id));
        for id in &ids {
            assert_eq!(donor_provider(id).as_ref(), Ok(id), "{id} is not a safe id");
        }
        for donor in &catalog.service_providers {
            let prefix = format!("svp_{}_", donor.country.to_ascii_lowercase());
            assert!(donor.id.starts_with(&prefix), "{} is not {prefix}…", donor.id);
        }
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate ids");
    }

    #[test]
    fn every_donor_ports_to_known_networks_of_its_own_country() {
        let catalog = Catalog::builtin();
        for donor in &catalog.service_providers {
            assert!(!donor.recipient_providers.is_empty(), "{}", donor.id);
            for id in &donor.recipient_providers {
                let network = catalog.network(id).unwrap_or_else(|| panic!("{} names {id}", donor.id));
                assert_eq!(network.country, donor.country, "{}", donor.id);
            }
        }
    }

    #[test]
    fn requirements_are_known_distinct_fields_that_fit_the_country() {
        let catalog = Catalog::builtin();
        let lists = catalog
            .service_providers
            .iter()
            .map(|d| (&d.id, &d.requires))
            .chain(catalog.network_providers.iter().map(|n| (&n.id, &n.requires)));
        for (id, requires) in lists {
            assert!(requires.iter().all(FieldName::is_known), "{id}");
            let mut distinct = requires.clone();
            distinct.dedup();
            assert_eq!(&distinct, requires, "{id} lists a field twice");
        }
        for donor in &catalog.service_providers {
            assert!(!donor.requires.contains(&FieldName::DonorProvider), "{}", donor.id);
            match donor.country.as_str() {
                "US" => assert!(US_DONOR_NEEDS.iter().all(|f| donor.requires.contains(f)), "{}", donor.id),
                // A UK port needs only the PAC, which the buyer gets from the old provider.
                "GB" => assert_eq!(donor.requires, [FieldName::AccountPin], "{}", donor.id),
                // An Irish one the kind of account, which tells bill-pay from prepaid.
                "IE" => assert_eq!(donor.requires, [FieldName::AccountType], "{}", donor.id),
                other => panic!("{} is in {other}, which the simulator does not serve", donor.id),
            }
        }
    }

    #[test]
    fn the_brands_the_widget_is_tried_with_are_there() {
        let catalog = Catalog::builtin();
        let names: Vec<&str> = catalog.service_providers.iter().map(|d| d.name.as_str()).collect();
        for name in [
            "AT&T",
            "Verizon",
            "T-Mobile",
            "Metro by T-Mobile",
            "US Cellular",
            "Cricket Wireless",
            "Boost Mobile",
            "Mint Mobile",
            "Visible",
            "Google Fi",
            "Xfinity Mobile",
            "EE",
            "O2",
            "Vodafone UK",
            "Three",
            "giffgaff",
            "Tesco Mobile",
            "Sky Mobile",
            "Lebara",
            "Optimum Mobile",
            "Vodafone Ireland",
            "Three Ireland",
            "eir",
            "Tesco Mobile Ireland",
        ] {
            assert!(names.contains(&name), "{name} is missing");
        }
        let needs = |field: FieldName| catalog.service_providers.iter().any(|d| d.requires.contains(&field));
        assert!(needs(FieldName::Birthday) && needs(FieldName::DonorProviderApproval));
        assert!(needs(FieldName::BillingPin) && needs(FieldName::AccountType));
        assert_eq!(catalog.network("p9").map(|n| n.country.as_str()), Some("US"));
        assert_eq!(catalog.network("p7").map(|n| n.country.as_str()), Some("GB"));
        assert_eq!(catalog.network("p5").map(|n| n.country.as_str()), Some("IE"));
    }

    #[test]
    fn the_models_carrier_rules_recognise_the_catalog_names() {
        let catalog = Catalog::builtin();
        let today = CalendarDate::new(2030, 1, 1).unwrap();
        for id in ["svp_us_tmobile", "svp_us_metro", "svp_us_verizon"] {
            let name = &catalog.donor(id).unwrap().name;
            let ctx = Context::for_parts("+12025550100", &Behavior::PortIn, Some(name), today);
            assert_ne!(ctx.pin, PinKind::DEFAULT, "{name}");
        }
    }

    #[test]
    fn requirements_join_network_and_donor_in_documented_order() {
        let catalog = Catalog::builtin();
        let us = catalog.network("p9").unwrap();
        assert_eq!(catalog.requirements(us, None), [FieldName::DonorProvider]);
        let xfinity = catalog.donor("svp_us_xfinity");
        assert_eq!(
            catalog.requirements(us, xfinity),
            [
                FieldName::AccountNumber,
                FieldName::AccountPin,
                FieldName::Address,
                FieldName::Birthday,
                FieldName::DonorProvider,
                FieldName::FirstName,
                FieldName::LastName,
            ]
        );
        let uk = catalog.network("p7").unwrap();
        assert_eq!(catalog.requirements(uk, None), [FieldName::AccountPin]);
        let optimum = catalog.donor("svp_us_optimum");
        assert_eq!(
            catalog.requirements(us, optimum),
            [
                FieldName::AccountNumber,
                FieldName::AccountPin,
                FieldName::Address,
                FieldName::DonorProvider,
                FieldName::FirstName,
                FieldName::LastName,
                FieldName::BillingPin,
            ]
        );
        let ireland = catalog.network("p5").unwrap();
        assert_eq!(
            catalog.requirements(ireland, catalog.donor("svp_ie_eir")),
            [FieldName::DonorProvider, FieldName::AccountType]
        );
    }

    #[test]
    fn lists_leave_out_network_brands_which_remain_retrievable() {
        let catalog = Catalog::builtin();
        let donors = catalog.donors();
        assert_eq!(donors.len(), catalog.service_providers.len());
        assert!(donors.iter().all(|p| !p.id.starts_with("svp_p")));
        assert_eq!(catalog.service_provider("svp_p9").map(|p| p.name), Some("Gigs US".into()));
        assert!(catalog.service_provider("svp_nope").is_none());
    }
}
