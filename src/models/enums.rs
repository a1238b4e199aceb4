//! The enumerations of api.md. Each is stored as its snake_case text (with a CHECK constraint in
//! the schema), and travels as that text in JSON and query strings.

/// The serde message for a value outside an enumeration; `api::body` recognises it by this prefix
/// and turns it into a localized field error that lists the allowed values.
pub const UNKNOWN_VALUE: &str = "unknown value; allowed: ";

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The allowed values, comma separated, for error messages.
            pub fn allowed() -> String {
                [$($text),+].join(", ")
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("{}{}", UNKNOWN_VALUE, $name::allowed()))
                })
            }
        }
    };
}

text_enum!(
    /// The administrative level of a locality (địa bàn).
    LocalityLevel {
        Central => "central",
        Province => "province",
        District => "district",
        Commune => "commune",
    }
);

impl LocalityLevel {
    /// Higher levels contain lower ones: central 0 … commune 3.
    pub fn rank(self) -> u8 {
        match self {
            LocalityLevel::Central => 0,
            LocalityLevel::Province => 1,
            LocalityLevel::District => 2,
            LocalityLevel::Commune => 3,
        }
    }
}

text_enum!(OrganizationKind {
    FrontCommittee => "front_committee",
    PartyCommittee => "party_committee",
    PeoplesCommittee => "peoples_committee",
    WomensUnion => "womens_union",
    YouthUnion => "youth_union",
    VeteransAssociation => "veterans_association",
    LabourFederation => "labour_federation",
    FarmersUnion => "farmers_union",
    RedCross => "red_cross",
    FriendshipUnion => "friendship_union",
    OverseasVietnameseCommittee => "overseas_vietnamese_committee",
    StateAgency => "state_agency",
    ForeignOrganization => "foreign_organization",
    Other => "other",
});

text_enum!(DirectiveKind {
    Directive => "directive",
    Circular => "circular",
    Resolution => "resolution",
    Plan => "plan",
    Program => "program",
    Regulation => "regulation",
    Decision => "decision",
    Guideline => "guideline",
    Other => "other",
});

text_enum!(EventKind {
    Signing => "signing",
    Briefing => "briefing",
    Review => "review",
});

text_enum!(AgreementKind {
    CoordinationPlan => "coordination_plan",
    ActionProgram => "action_program",
    CoordinationProgram => "coordination_program",
    CoordinationRegulation => "coordination_regulation",
    CooperationMemorandum => "cooperation_memorandum",
    Other => "other",
});

text_enum!(AgreementStatus {
    Upcoming => "upcoming",
    InForce => "in_force",
    Expired => "expired",
    Terminated => "terminated",
    Superseded => "superseded",
});

impl AgreementStatus {
    /// Terminated and superseded are decided by a person; the others follow from the period.
    pub fn is_decided(self) -> bool {
        matches!(self, AgreementStatus::Terminated | AgreementStatus::Superseded)
    }

    /// The status of an agreement with this period and decided status, in `year`.
    pub fn derive(decided: Option<AgreementStatus>, start_year: i32, end_year: i32, year: i32) -> Self {
        match decided {
            Some(status) => status,
            None if year < start_year => AgreementStatus::Upcoming,
            None if year > end_year => AgreementStatus::Expired,
            None => AgreementStatus::InForce,
        }
    }
}

text_enum!(PartyRole {
    Lead => "lead",
    Signatory => "signatory",
    Witness => "witness",
});

text_enum!(DirectiveRelation {
    Implements => "implements",
    Cites => "cites",
});

text_enum!(
    /// The numbering layout of a symbol: the Party's `12-CT/TW` or the state's `2722/KH-UBND`.
    SymbolSystem {
        Party => "party",
        State => "state",
    }
);

text_enum!(
    /// What an API token may do: read; also write within its locality; also manage everything.
    Role {
        Viewer => "viewer",
        Editor => "editor",
        Admin => "admin",
    }
);

text_enum!(
    /// What a change in the audit trail did to its record.
    AuditAction {
        Create => "create",
        Update => "update",
        Delete => "delete",
        Restore => "restore",
    }
);
