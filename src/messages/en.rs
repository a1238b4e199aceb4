//! Every message in English, for clients whose Accept-Language prefers it.

use super::{Dependents, Entity, Expected, Msg};
use crate::symbol::SymbolError;

/// The text of a message.
pub(super) fn text(msg: &Msg) -> String {
    match msg {
        Msg::TitleBadRequest => "Malformed request".to_string(),
        Msg::TitleNotFound => "Not found".to_string(),
        Msg::TitleConflict => "Conflict".to_string(),
        Msg::TitleValidation => "Invalid data".to_string(),
        Msg::TitleTooLarge => "Payload too large".to_string(),
        Msg::TitleUnavailable => "Service unavailable".to_string(),
        Msg::TitleInternal => "Internal error".to_string(),
        Msg::TitleUnauthorized => "Unauthorized".to_string(),
        Msg::TitleForbidden => "Forbidden".to_string(),
        Msg::TitlePreconditionFailed => "Precondition failed".to_string(),
        Msg::TitlePreconditionRequired => "Precondition required".to_string(),
        Msg::NoToken => "A token is needed: send the header Authorization: Bearer <token>.".to_string(),
        Msg::NotBearer => "The Authorization header must read Bearer <token>.".to_string(),
        Msg::BadToken => "The token is not valid or has been revoked.".to_string(),
        Msg::ReadOnlyRole => "This token may read but not write.".to_string(),
        Msg::AdminOnly => "Only an admin may do this.".to_string(),
        Msg::StaffOnly => "The audit trail is for editors and admins.".to_string(),
        Msg::SharedRecord => "Directives are shared by every locality: only an editor for everywhere or an admin may change them.".to_string(),
        Msg::OutsideLocality(l) => format!("The record belongs to locality {l}, outside the locality you may write in."),
        Msg::NoLocality => "The record belongs to no locality: only an editor for everywhere or an admin may write it.".to_string(),
        Msg::LeadOutsideLocality => "A lead organization must lie within this token's locality.".to_string(),
        Msg::PartyOutsideLocality => "This organization belongs to another locality: this token may name organizations of its own locality, of one above it, or of none.".to_string(),
        Msg::NamesOutsideLocality(n) => format!("{n} organization(s) lie outside the locality you may write in; nothing was written."),
        Msg::IfMatchRequired => "Send If-Match with the record's ETag (from a GET), so that no one else's change is overwritten.".to_string(),
        Msg::StaleVersion(v) => format!("The record was changed by someone else; it is now at version \"{v}\". Reload it and try again."),
        Msg::BadIdempotencyKey => "An Idempotency-Key is 1 to 255 visible ASCII characters.".to_string(),
        Msg::IdempotencyKeyReused => "This Idempotency-Key was used for another request; each new request needs a new key.".to_string(),
        Msg::TooShort(min) => format!("Shorter than {min} characters."),
        Msg::UserNameTaken => "A user of this name exists.".to_string(),
        Msg::UserNotFound => "There is no such user.".to_string(),
        Msg::CannotDisableSelf => "You cannot disable the account you are using; ask another admin, or use phoihop user disable.".to_string(),
        Msg::SignInFailed => "The name or the password is wrong.".to_string(),
        Msg::SignInThrottled(secs) => format!("Too many failed sign-ins. Please try again in {secs} seconds."),
        Msg::FormExpired => "The form is old or did not come from this page. Please reload the page and send it again.".to_string(),
        Msg::SignInNeeded => "Please sign in to see this page.".to_string(),
        Msg::NoOrganizationMatches(typed) => format!("No organization matches \u{201c}{typed}\u{201d}."),
        Msg::NoLocalityMatches(typed) => format!("No locality matches \u{201c}{typed}\u{201d}."),
        Msg::SeveralMatch => "Several records match: choose one from the list.".to_string(),
        Msg::FormAlreadySaved => "This form was saved already. Saving it again makes a new registration.".to_string(),
        Msg::RecordCreated(entity, name) => format!("Created {} \u{201c}{name}\u{201d}.", entity_name(*entity)),
        Msg::NotAWrittenDate => "Not a valid date; write day/month/year, e.g. 29/7/2024, in the years 1945 to 2100.".to_string(),
        Msg::CannotChangeOwnRole => "You cannot change the role of the account you are using; ask another admin.".to_string(),
        Msg::SecretShownOnce => "Copy this secret now: it is shown this once and no one can see it again.".to_string(),
        Msg::PasswordReset => "The new password is set; the account's sessions have ended.".to_string(),
        Msg::TokenNameTaken => "A token of this name exists.".to_string(),
        Msg::TokenNotFound(id) => format!("There is no token {id}."),
        Msg::LocalityForEditors => "Only an editor's token has a locality.".to_string(),
        Msg::DeletedNotFound(id) => format!("There is no deleted record {id}."),
        Msg::TooManyValues(n) => format!("This parameter is repeated more than {n} times."),
        Msg::TooManyWords(n) => format!("The search is longer than {n} words."),
        Msg::ControlCharacter => "Contains a control character (such as U+0000, or U+202E which reverses how text shows) that text may not hold.".to_string(),
        Msg::NotUtf8 => "The value is not valid UTF-8 once percent-decoded.".to_string(),
        Msg::BadHeader(name) => format!("The request header {name} cannot be read."),
        Msg::NotAWebAddress => "Must be a web address: http:// or https://, a host, and no spaces.".to_string(),
        Msg::ReadOnlyRegistry => "This server serves the registry read-only (PHOIHOP_READ_ONLY): nothing can be written.".to_string(),
        Msg::DatabaseFileLost => "The database file was deleted, replaced or made read-only: nothing can be written; tell the operator.".to_string(),
        Msg::OwnToken => "A token cannot revoke itself; use another admin's token, or phoihop token revoke.".to_string(),
        Msg::NotADateTime => "Not an ISO 8601 time (2024-11-01 or 2024-11-01T08:00:00Z).".to_string(),
        Msg::FieldsInvalid(n) => format!("{n} field(s) are invalid; nothing was written."),
        Msg::BadQuery => "A query parameter cannot be read.".to_string(),
        Msg::NotJson(why) => format!("The request body is not valid JSON: {why}"),
        Msg::BodyTooLarge(limit) => format!("The request body exceeds the limit of {limit} bytes."),
        Msg::NoSuchPath => "There is no resource at this address.".to_string(),
        Msg::RecordNotFound(entity, id) => format!("There is no {} with id {id}.", entity_name(*entity)),
        Msg::DatabaseUnavailable => "The database cannot be reached right now; please try again.".to_string(),
        Msg::InternalError => "An unexpected error occurred; nothing was written.".to_string(),
        Msg::DeleteBlocked(entity) => format!("The {} cannot be deleted: other records depend on it.", entity_name(*entity)),
        Msg::Required => "This field is required.".to_string(),
        Msg::Blank => "Must not be empty.".to_string(),
        Msg::TooLong(max) => format!("Longer than {max} characters."),
        Msg::TooMany(max) => format!("More than {max} items."),
        Msg::UnknownValue(allowed) => format!("Unknown value; allowed values: {allowed}."),
        Msg::UnknownField(allowed) => format!("Unknown field; known fields: {allowed}."),
        Msg::WrongType(expected) => format!("Wrong type; expected {}.", expected_name(*expected)),
        Msg::NotAPlaceInTheList => "Not a place in the list; use the next_after of the page before (<start year>.<id>, e.g. 2024.1532).".to_string(),
        Msg::NotADate => "Not a valid date; use YYYY-MM-DD, e.g. 2017-05-11, in the years 1945 to 2100.".to_string(),
        Msg::OutOfRange(min, max) => format!("Must be between {min} and {max}."),
        Msg::NotAnInteger => "Must be a whole number.".to_string(),
        Msg::SeveralNamed(typed, fits) => {
            format!("\u{201c}{typed}\u{201d} fits several records: {}. Write it more fully.", fits.join("; "))
        }
        Msg::DuplicateRow(row) => format!("This row is the same as row {row}."),
        Msg::MissingColumn(header) => format!("The file has no column \u{201c}{header}\u{201d}."),
        Msg::ImportFile(problem) => file_problem(problem),
        Msg::CheckedFileTaken => "This file is being or has been imported.".into(),
        Msg::CheckedFileGone => "The checked file is no longer held (over an hour, or the server restarted); upload it again.".into(),
        Msg::ListLengths(other) => format!("Not as many values as in the column \u{201c}{other}\u{201d}."),
        Msg::FormulaInCell => "This cell is a formula; enter the value itself (or paste as values).".to_string(),
        Msg::NotBoth(other) => format!("Give this or {other}, not both."),
        Msg::UnknownParameter(allowed) => format!("Unknown parameter; known parameters: {allowed}."),
        Msg::PeriodOrder => "The end year must not be before the start year.".to_string(),
        Msg::TooFewParties => "An agreement needs at least two parties.".to_string(),
        Msg::DuplicateParty => "This organization is already a party.".to_string(),
        Msg::Repeated => "This item is repeated.".to_string(),
        Msg::DuplicateName(id) => format!("A record with the same name already exists in the same place (id {id})."),
        Msg::DuplicateDirective(id) => format!("A directive with this symbol and issue date already exists (id {id})."),
        Msg::SelfReference => "A record cannot refer to itself.".to_string(),
        Msg::TreeTooDeep(max) => format!("The organization tree would be deeper than the {max} levels allowed."),
        Msg::Cycle => "This link would close a cycle.".to_string(),
        Msg::DirectiveCycle(path) => format!("This link would close a cycle: {}.", path.join(" → ")),
        Msg::ChainTooLong(max) => format!("This link would make a chain of implementing documents longer than the {max} allowed."),
        Msg::NoSuchLink(id, target) => format!("Directive {id} does not implement directive {target}."),
        Msg::ParentLevel => "The parent must be of a higher level.".to_string(),
        Msg::ChildLevel => "A locality inside this one is of the same or a higher level.".to_string(),
        Msg::SymbolNoMatch(symbol) => format!("No directive matches the symbol \"{symbol}\"."),
        Msg::SymbolAmbiguous(candidates) => format!("The symbol matches several directives; choose one by id: {}.", candidates.join("; ")),
        Msg::DirectiveOrSymbol => "Give exactly one of directive_id and symbol.".to_string(),
        Msg::StatusDerived => "Only terminated or superseded can be set; the other statuses follow from the period.".to_string(),
        Msg::SetByEvent => "Leave this out inside an event: the event sets it.".to_string(),
        Msg::CreateOnly => "Only accepted when the event is created; add agreements with POST /api/v1/agreements.".to_string(),
        Msg::NotASigningEvent => "Agreements can only belong to an event of kind signing.".to_string(),
        Msg::InUse(what, count) => dependents(*what, *count),
        Msg::BadSymbol(why) => symbol_error(*why).to_string(),
    }
}

pub(super) fn expected_name(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "a string",
        Expected::Integer => "a whole number",
        Expected::List => "a list",
        Expected::Object => "a JSON object",
        Expected::Value => "a valid value",
    }
}

pub(super) fn entity_name(entity: Entity) -> &'static str {
    match entity {
        Entity::Locality => "locality",
        Entity::Organization => "organization",
        Entity::Directive => "directive",
        Entity::SigningEvent => "signing event",
        Entity::Agreement => "agreement",
    }
}

fn dependents(what: Dependents, count: i64) -> String {
    match what {
        Dependents::ChildLocalities => format!("{count} localities lie inside it"),
        Dependents::Organizations => format!("{count} organizations belong to it"),
        Dependents::SigningEvents => format!("{count} events were held in it"),
        Dependents::ChildOrganizations => format!("{count} organizations are under it"),
        Dependents::Parties => format!("it is a party to {count} agreements"),
        Dependents::HostedEvents => format!("it hosted {count} events"),
        Dependents::Attendees => format!("{count} event attendees represent it"),
        Dependents::AgreementReferences => format!("{count} agreements refer to it"),
        Dependents::ImplementingDirectives => format!("{count} other documents implement it"),
        Dependents::Agreements => format!("{count} agreements were signed at it"),
        Dependents::Replacements => format!("{count} other agreements replace it"),
        Dependents::Tokens => format!("{count} tokens are limited to it"),
    }
}

fn symbol_error(why: SymbolError) -> &'static str {
    match why {
        SymbolError::Empty => "The symbol is empty.",
        SymbolError::TooLong => "The symbol is longer than 200 characters.",
        SymbolError::ControlCharacter => "The symbol contains a control character.",
        SymbolError::NoNumber => "No document number found; a symbol starts with its number, e.g. 12-CT/TW or Chỉ thị số 12-CT/TW.",
        SymbolError::Incomplete => "The symbol lacks its type or issuer code; the full forms are 12-CT/TW and 2722/KH-UBND.",
        SymbolError::BadCode => "A type code is letters only, an issuer code letters possibly ending in digits, at most 12 characters each.",
        SymbolError::ForeignLetter => "The symbol has a letter no document code uses (a Cyrillic or Greek letter that looks Latin, or one with a tone mark).",
        SymbolError::TrailingText => "There is text after the symbol that is not part of it (a directive's issue date and issuer have fields of their own).",
    }
}

fn file_problem(problem: &crate::import::grid::FileProblem) -> String {
    use crate::import::grid::FileProblem as P;
    match problem {
        P::NotCsvOrXlsx => {
            "The file is neither CSV nor XLSX; save the spreadsheet as Excel (.xlsx) or CSV UTF-8.".into()
        }
        P::NotUtf8 => "The CSV file is not UTF-8; in Excel choose \u{201c}CSV UTF-8 (Comma delimited)\u{201d}.".into(),
        P::NoHeader => "The file has no header row (row 1 naming the columns).".into(),
        P::TooManyRows => {
            format!("The file has more than {} rows; split it into several files.", crate::import::MAX_ROWS)
        }
        P::TooManyColumns => format!("The file has values past column {}.", crate::import::MAX_COLUMNS),
        P::TooLargeUnpacked => "The XLSX file unpacks to far more than a spreadsheet could hold; not read.".into(),
        P::Unreadable(why) => format!("The file cannot be read: {why}."),
    }
}
