//! The enumerated string values of a porting.

use crate::open_enum::open_enum;

open_enum! {
    /// Where a porting is in its lifecycle.
    pub enum Status {
        Draft = "draft",
        Pending = "pending",
        InformationRequired = "informationRequired",
        Requested = "requested",
        Declined = "declined",
        Completed = "completed",
        Canceled = "canceled",
        Expired = "expired",
        /// The current reference's: the porting failed (`failedAt`).
        Failed = "failed",
    }
}

impl Status {
    /// Whether the porting has ended: nothing the buyer does can change it any more.
    pub fn is_final(&self) -> bool {
        matches!(self, Status::Completed | Status::Canceled | Status::Expired | Status::Failed)
    }
}

open_enum! {
    /// The kind of account the number is on at the donor, which portings in Ireland need.
    pub enum AccountType {
        /// Bill-pay with several lines.
        PostpaidMulti = "postpaidMulti",
        /// Bill-pay, a single line.
        PostpaidSingle = "postpaidSingle",
        PrepaidRegistered = "prepaidRegistered",
        PrepaidUnregistered = "prepaidUnregistered",
    }
}

open_enum! {
    /// Whether the number moves (`portIn`) or the old service is only ended (`cancelOnly`, UK).
    #[derive(Default)]
    pub enum Behavior {
        #[default]
        PortIn = "portIn",
        CancelOnly = "cancelOnly",
    }
}

open_enum! {
    /// Why the donor provider declined a port request.
    pub enum DeclineCode {
        AccountNumberRequiredOrInvalid = "portingAccountNumberRequiredOrInvalid",
        AccountPinRequiredOrInvalid = "portingAccountPinRequiredOrInvalid",
        AddressRequiredOrInvalid = "portingAddressRequiredOrInvalid",
        Declined = "portingDeclined",
        Duplicated = "portingDuplicated",
        FirstNameRequiredOrInvalid = "portingFirstNameRequiredOrInvalid",
        LastNameRequiredOrInvalid = "portingLastNameRequiredOrInvalid",
        PendingOtherProvider = "portingPendingOtherProvider",
        PhoneNumberAdministrative = "portingPhoneNumberAdministrative",
        PhoneNumberNotActive = "portingPhoneNumberNotActive",
        PhoneNumberNotFound = "portingPhoneNumberNotFound",
        PhoneNumberPortProtected = "portingPhoneNumberPortProtected",
        PhoneNumberPrepaid = "portingPhoneNumberPrepaid",
        SameNewAndOldNetworkProvider = "portingSameNewAndOldNetworkProvider",
        UserInformationMismatch = "portingUserInformationMismatch",
        ZipCodeRequiredOrInvalid = "portingZipCodeRequiredOrInvalid",
    }
}

open_enum! {
    /// A name in a porting's `required` list: a piece of information the donor needs.
    pub enum FieldName {
        AccountNumber = "accountNumber",
        AccountPin = "accountPin",
        Address = "address",
        Birthday = "birthday",
        DonorProvider = "donorProvider",
        DonorProviderApproval = "donorProviderApproval",
        FirstName = "firstName",
        LastName = "lastName",
        /// The current reference's: a billing PIN beside the account PIN, write-only.
        BillingPin = "billingPin",
        /// The current reference's: the kind of account (Ireland).
        AccountType = "accountType",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_status_parses_and_round_trips() {
        let status: Status = serde_json::from_str("\"onHold\"").unwrap();
        assert_eq!(status, Status::Unknown("onHold".into()));
        assert!(!status.is_known());
        assert_eq!(serde_json::to_string(&status).unwrap(), "\"onHold\"");
    }

    #[test]
    fn every_documented_status_round_trips() {
        assert_eq!(Status::KNOWN.len(), 9);
        for status in Status::KNOWN {
            let wire = serde_json::to_string(status).unwrap();
            assert_eq!(&serde_json::from_str::<Status>(&wire).unwrap(), status);
            assert!(status.is_known());
        }
    }

    #[test]
    fn status_values_are_case_sensitive() {
        assert_eq!(Status::from("Draft"), Status::Unknown("Draft".into()));
    }

    #[test]
    fn only_completed_canceled_expired_and_failed_are_final() {
        let finals: Vec<_> = Status::KNOWN.iter().filter(|s| s.is_final()).collect();
        assert_eq!(finals, [&Status::Completed, &Status::Canceled, &Status::Expired, &Status::Failed]);
        assert!(!Status::Unknown("onHold".into()).is_final());
    }

    #[test]
    fn sixteen_decline_codes_and_unknown_behavior_are_kept() {
        assert_eq!(DeclineCode::KNOWN.len(), 16);
        assert_eq!(
            serde_json::from_str::<Behavior>("\"moveOnly\"").unwrap(),
            Behavior::Unknown("moveOnly".into())
        );
        assert_eq!(Behavior::default(), Behavior::PortIn);
    }

    #[test]
    fn non_string_status_is_rejected() {
        assert!(serde_json::from_str::<Status>("3").is_err());
    }
}
