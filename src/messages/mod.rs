//! Every message a user can read, in Vietnamese and English: what there is to say (here), and how
//! each language says it (`vi`, `en`). Vietnamese is the default: the users work in it; English
//! is given to clients whose Accept-Language prefers it.

use crate::symbol::SymbolError;

pub mod cli;
mod en;
pub mod form_words;
pub mod labels;
pub mod pages;
mod vi;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the preferred of the two languages from an Accept-Language header (RFC 9110 §12.5.4).
    pub fn negotiate(header: Option<&str>) -> Lang {
        let Some(header) = header else { return Lang::Vi };
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = match tag.split('-').next() {
                Some("vi") => Lang::Vi,
                Some("en") => Lang::En,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::Vi, |(_, lang)| lang)
    }
}

/// The kind of JSON value a field needs, for type errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    List,
    Object,
    Value,
}

impl Expected {
    /// The kind of value, in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => vi::expected_name(self),
            Lang::En => en::expected_name(self),
        }
    }
}

/// The kinds of record, as named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Locality,
    Organization,
    Directive,
    SigningEvent,
    Agreement,
}

impl Entity {
    /// The kind of record, in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => vi::entity_name(self),
            Lang::En => en::entity_name(self),
        }
    }
}

/// What depends on a record that someone tries to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dependents {
    ChildLocalities,
    Organizations,
    SigningEvents,
    ChildOrganizations,
    Parties,
    HostedEvents,
    Attendees,
    AgreementReferences,
    ImplementingDirectives,
    Agreements,
    Replacements,
    Tokens,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // Titles of the problem kinds.
    TitleBadRequest,
    TitleNotFound,
    TitleConflict,
    TitleValidation,
    TitleTooLarge,
    TitleUnavailable,
    TitleInternal,
    TitleUnauthorized,
    TitleForbidden,
    TitlePreconditionFailed,
    TitlePreconditionRequired,
    // Details.
    FieldsInvalid(usize),
    BadQuery,
    NotJson(String),
    BodyTooLarge(u64),
    NoSuchPath,
    RecordNotFound(Entity, i64),
    DatabaseUnavailable,
    InternalError,
    DeleteBlocked(Entity),
    // Field messages.
    Required,
    Blank,
    TooLong(u64),
    TooMany(u64),
    UnknownValue(String),
    UnknownField(String),
    WrongType(Expected),
    NotADate,
    /// An `after=` that is not a `next_after` of a list.
    NotAPlaceInTheList,
    OutOfRange(i64, i64),
    NotAnInteger,
    /// A spreadsheet cell holding a formula, where a value was wanted.
    FormulaInCell,
    /// A name as written in a file that several records fit: the name, and each that fits.
    SeveralNamed(String, Vec<String>),
    /// An import's row that is the same record as an earlier row: that row's number.
    DuplicateRow(u32),
    /// A column an import needs that the file does not have: its header.
    MissingColumn(String),
    /// A file an import cannot read at all.
    ImportFile(crate::import::grid::FileProblem),
    /// A checked file asked to be imported that the server no longer holds.
    CheckedFileGone,
    /// A checked file asked to be imported again (a second click).
    CheckedFileTaken,
    /// An import's lists that go together (parties and their roles) of different lengths.
    ListLengths(String),
    /// Two parameters that ask the same thing two ways: give one (the other named).
    NotBoth(&'static str),
    UnknownParameter(String),
    PeriodOrder,
    TooFewParties,
    DuplicateParty,
    Repeated,
    DuplicateName(i64),
    DuplicateDirective(i64),
    InUse(Dependents, i64),
    SelfReference,
    Cycle,
    /// The most levels an organization tree may have.
    TreeTooDeep(usize),
    /// The cycle an implements link would close, by symbol: [a, b, …, a].
    DirectiveCycle(Vec<String>),
    /// The most directives one implements chain may hold.
    ChainTooLong(usize),
    NoSuchLink(i64, i64),
    ParentLevel,
    ChildLevel,
    BadSymbol(SymbolError),
    SymbolNoMatch(String),
    SymbolAmbiguous(Vec<String>),
    DirectiveOrSymbol,
    StatusDerived,
    NotASigningEvent,
    SetByEvent,
    CreateOnly,
    // Trust: tokens, roles, versions, retries, deleted records.
    NoToken,
    NotBearer,
    BadToken,
    ReadOnlyRole,
    AdminOnly,
    StaffOnly,
    SharedRecord,
    OutsideLocality(i64),
    NoLocality,
    LeadOutsideLocality,
    PartyOutsideLocality,
    NamesOutsideLocality(usize),
    IfMatchRequired,
    StaleVersion(i64),
    BadIdempotencyKey,
    IdempotencyKeyReused,
    TokenNameTaken,
    TokenNotFound(i64),
    LocalityForEditors,
    DeletedNotFound(i64),
    NotADateTime,
    OwnToken,
    TooManyValues(u64),
    TooManyWords(u64),
    ControlCharacter,
    NotUtf8,
    /// A request header that cannot be read: the header's name.
    BadHeader(&'static str),
    NotAWebAddress,
    ReadOnlyRegistry,
    DatabaseFileLost,
    TooShort(u64),
    UserNameTaken,
    UserNotFound,
    CannotDisableSelf,
    /// A sign-in with a name and password that do not match an enabled user.
    SignInFailed,
    /// Too many failed sign-ins: the seconds to wait.
    SignInThrottled(u64),
    /// A form posted without the token its page carried (or with an old one).
    FormExpired,
    SignInNeeded,
    /// An organization's name as typed that matches none: the text typed.
    NoOrganizationMatches(String),
    /// A locality's name as typed that matches none: the text typed.
    NoLocalityMatches(String),
    /// A name as typed that several records fit: the candidates are shown to choose from.
    SeveralMatch,
    /// A registration form posted again after it was saved, with other values.
    FormAlreadySaved,
    /// A record made from inside another form: its kind and name.
    RecordCreated(Entity, String),
    /// A date typed in a form that is no date (30/02/2024).
    NotAWrittenDate,
    /// An admin changing their own role.
    CannotChangeOwnRole,
    /// A token just made: its secret is shown this once.
    SecretShownOnce,
    /// A password set by an admin: the account's sessions ended.
    PasswordReset,
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi::text(self),
            Lang::En => en::text(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_preferred_language() {
        assert_eq!(Lang::negotiate(None), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("en")), Lang::En);
        assert_eq!(Lang::negotiate(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr, en;q=0.5, vi;q=0.8")), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("de")), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::Vi);
    }
}
