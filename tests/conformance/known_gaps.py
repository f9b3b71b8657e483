"""The tests of the JSON-Schema-Test-Suite (draft 2020-12) that an engine is known to fail.

``KNOWN_GAPS`` maps ``"<file>::<case description>::<test description>"`` (``<file>`` relative to
``tests/draft2020-12``) to ``{engine: reason}``.  Every listed test is a strict expected failure
for that engine: when it starts to pass, the suite test fails until its entry is removed, so this
list stays honest.  ``fast`` is the toolkit's default engine (jsonschema_rs); ``reference`` is the
jsonschema library with the format checker packages this project depends on (rfc3339-validator,
rfc3986-validator, fqdn, idna, isoduration, jsonpointer, uri-template; not rfc3987 or
rfc3987-syntax, so ``iri`` and ``iri-reference`` stay annotations).

The product's definition is "every verdict equals the reference's", formats included, so the
fast engine asserts formats with the reference's own checkers (``validator/checking/formats.py``).  It
therefore has exactly the reference's format gaps (``inherited(...)`` entries, listed for both
engines: Python's lax uuid and email checks, the quirks of each checker package, iri not
asserted), and no gap of its own: every other required, optional and format test passes.  The
required ``format.json`` tests named "... is only an annotation by default" are judged as format
assertion requires (see ``_suite.SuiteTest.expected``), so the iri/iri-reference ones are gaps.

The reference alone also fails where jsonschema itself falls short of draft 2020-12:
``$vocabulary`` is ignored, and the optional draft-7 ``dependencies`` keyword is not implemented
(nor, to give one verdict, does the fast engine assert it: ``validator/checking/annotations.py``).
Patterns (``pattern``, ``patternProperties``, format ``regex``) are no gap: both engines read them
as ECMA-262 and match them with the same bounded engine (``validator/contracts/patterns.py``).

A test listed for one engine only is a test on which the two engines give different verdicts:
``DISAGREEMENTS`` (derived below) is the exception list of ``test_differential.py``.
"""

# ruff: noqa: E501, RUF001  (one entry per line, names exactly as the suite spells them)

from __future__ import annotations

# --- where jsonschema (the reference engine) falls short of draft 2020-12 -----------------------

NO_VOCABULARY = (
    "jsonschema ignores $vocabulary: a metaschema without the validation vocabulary still validates"
)
NO_DEPENDENCIES = "jsonschema's draft 2020-12 validator does not implement the draft-7 'dependencies' keyword (optional compatibility)"

# --- format checks of the reference, which the fast engine shares by design ---------------------

INHERITED = "by design the fast engine gives the reference's verdict: it asserts formats with the reference's own checkers (validator/checking/formats.py) and leaves out what the reference reads as annotations (validator/checking/annotations.py)"


def inherited(reason: str) -> dict[str, str]:
    """A gap of one of the reference's format checkers, which the fast engine shares by design."""
    return {"reference": reason, "fast": f"{INHERITED}: {reason}"}


IRI_NOT_ASSERTED = "format iri/iri-reference is not asserted: jsonschema checks it only with rfc3987 (GPL) or rfc3987-syntax (a second to import), and neither is a dependency"
RFC3339_NO_LEAP_SECOND = "format date-time/time is checked by rfc3339-validator (time as the date-time '1970-01-01T' + value), whose pattern allows seconds 00-59 only: it rejects a valid leap second ':60'"
RFC3339_NEWLINE = "format date-time is checked by rfc3339-validator, whose pattern ends in '$', which also matches before a trailing newline"
ISODURATION = "format duration is checked by isoduration, which parses ISO 8601 durations, not RFC 3339's ABNF: it accepts fractions, ',' decimals, signs, exponents, weeks with other units, skipped units (P1Y2D, PT1H2S), and drops a number without a unit (P1D2T3H)"
AT_SIGN_EMAIL = "format email is checked by jsonschema's own is_email, which only looks for an '@'"
FQDN_TRAILING_DOT = "format hostname is checked by fqdn, which accepts the trailing dot of an absolute name ('example.')"
FQDN_NEWLINE = "format hostname is checked by fqdn, whose pattern ends in '$', which also matches before a trailing newline"
FQDN_KELVIN = "format hostname is checked by fqdn, whose [A-Z] pattern is compiled with re.IGNORECASE but not re.ASCII, so the KELVIN SIGN (U+212A) matches as 'k'"
FQDN_A_LABEL = "format hostname is checked by fqdn, which checks letters, digits and hyphens only: an 'xn--' A-label is never decoded, so invalid Punycode, disallowed code points, CONTEXTJ/CONTEXTO rules and '--' at positions 3-4 all pass"
IDNA_TRAILING_DOT = "format idn-hostname is checked by idna.encode, which accepts a trailing label separator ('.', U+3002, U+FF0E, U+FF61) as the root of an absolute name"
IDNA_BIDI = "format idn-hostname is checked by idna.encode, which applies the RFC 5893 Bidi rule only to labels holding right-to-left characters, so a digit-first LTR label in a Bidi domain name passes"
RJP_ISDIGIT = "format relative-json-pointer is checked by jsonschema's own is_relative_json_pointer, which takes its prefix digits with str.isdigit, so non-ASCII digits ('١') pass"
RJP_ZERO = "format relative-json-pointer is checked by jsonschema's own is_relative_json_pointer, which rejects any digit after a '0' (meant to forbid leading zeros), so '100' fails"
RFC3986_IPV4_LEADING_ZERO = "format uri/uri-reference is checked by rfc3986-validator, whose IPv4 octet rule '[01]?[0-9][0-9]?' accepts a leading zero ('01'), here in the IPv4 part of an IPv6 literal"
URI_TEMPLATE_LAX = "format uri-template is checked by the uri-template package, which does not check literals (space, DEL) and accepts '..' in a name, a leading zero in a prefix length, empty varspecs in a list ('{a,}', '{,+var}') and its own '=default' extension"
URI_TEMPLATE_STRICT = "format uri-template is checked by the uri-template package, which allows a prefix length of at most 3 digits ('{v:1000}') and, off by one, no percent-encoded triplet at the end of a variable name ('{%41}')"
LAX_UUID = "format uuid is checked as Python's uuid.UUID() plus hyphens at 8/13/18/23 (jsonschema's is_uuid): uuid.UUID drops every hyphen and int(..., 16) takes '_' and non-ASCII digits, so a trailing hyphen, '_' and a Bengali digit pass"

# fmt: off
KNOWN_GAPS: dict[str, dict[str, str]] = {
    "format.json::iri format::invalid iri string is only an annotation by default": inherited(IRI_NOT_ASSERTED),
    "format.json::iri-reference format::invalid iri-reference string is only an annotation by default": inherited(IRI_NOT_ASSERTED),
    "vocabulary.json::schema that uses custom metaschema with with no validation vocabulary::no validation: invalid number, but it still validates": {"reference": NO_VOCABULARY},
    "optional/dependencies-compatibility.json::single dependency::missing dependency": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::multiple dependents required::missing dependency": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::multiple dependents required::missing other dependency": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::multiple dependents required::missing both dependencies": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::dependencies with escaped characters::CRLF missing dependent": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::dependencies with escaped characters::quoted quotes missing dependent": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::single schema dependency::wrong type": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::single schema dependency::wrong type other": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::single schema dependency::wrong type both": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::boolean subschemas::object with property having schema false is invalid": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::boolean subschemas::object with both properties is invalid": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::schema dependencies with escaped characters::quoted quote": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::schema dependencies with escaped characters::quoted tab invalid under dependent schema": inherited(NO_DEPENDENCIES),
    "optional/dependencies-compatibility.json::schema dependencies with escaped characters::quoted quote invalid under dependent schema": inherited(NO_DEPENDENCIES),
    "optional/format/date-time.json::validation of date-time strings::a valid date-time with a leap second, UTC": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/date-time.json::validation of date-time strings::a valid date-time with a leap second, with minus offset": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/date-time.json::validation of date-time strings::a trailing newline is invalid": inherited(RFC3339_NEWLINE),
    "optional/format/duration.json::validation of duration strings::fractional duration is not allowed by RFC 3339 ABNF": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::years and days cannot appear without months": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::hours and seconds cannot appear without minutes": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::a leading sign is not allowed": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::a number before the time separator has no unit": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::exponent notation is not allowed in a component": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::weeks cannot be combined with a time component": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::weeks cannot be combined with a zero-valued component": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::a comma as the decimal separator is invalid": inherited(ISODURATION),
    "optional/format/duration.json::validation of duration strings::a sign inside a component is invalid": inherited(ISODURATION),
    "optional/format/email.json::validation of e-mail addresses::dot before local part is not valid": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::dot after local part is not valid": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::two subsequent dots inside local part are not valid": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::an invalid domain": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::an invalid IPv4-address-literal": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::two email addresses is not valid": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::full \"From\" header is invalid": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::local part is required": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::domain is required": inherited(AT_SIGN_EMAIL),
    "optional/format/email.json::validation of e-mail addresses::unquoted space in local part is invalid": inherited(AT_SIGN_EMAIL),
    "optional/format/hostname.json::validation of host names::trailing dot": inherited(FQDN_TRAILING_DOT),
    "optional/format/hostname.json::validation of host names::trailing newline is invalid": inherited(FQDN_NEWLINE),
    "optional/format/hostname.json::validation of host names::invalid non-ASCII KELVIN SIGN (U+212A)": inherited(FQDN_KELVIN),
    "optional/format/hostname.json::validation of A-label (punycode) host names::invalid Punycode": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::contains illegal char U+302E Hangul single dot tone mark": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Begins with a Spacing Combining Mark": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Begins with a Nonspacing Mark": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Begins with an Enclosing Mark": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Exceptions that are DISALLOWED, right-to-left chars": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Exceptions that are DISALLOWED, left-to-right chars": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::MIDDLE DOT with no preceding 'l'": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::MIDDLE DOT with nothing preceding": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::MIDDLE DOT with no following 'l'": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::MIDDLE DOT with nothing following": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Greek KERAIA not followed by Greek": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Greek KERAIA not followed by anything": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Hebrew GERESH not preceded by Hebrew": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Hebrew GERESH not preceded by anything": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Hebrew GERSHAYIM not preceded by Hebrew": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Hebrew GERSHAYIM not preceded by anything": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::KATAKANA MIDDLE DOT with no Hiragana, Katakana, or Han": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::KATAKANA MIDDLE DOT with no other characters": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::Arabic-Indic digits mixed with Extended Arabic-Indic digits": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::ZERO WIDTH JOINER not preceded by Virama": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::ZERO WIDTH JOINER not preceded by anything": inherited(FQDN_A_LABEL),
    "optional/format/hostname.json::validation of A-label (punycode) host names::contains \"--\" in the 3rd and 4th position": inherited(FQDN_A_LABEL),
    "optional/format/idn-hostname.json::validation of internationalized host names::Bidi domain name with a digit-first label is invalid": inherited(IDNA_BIDI),
    "optional/format/idn-hostname.json::validation of separators in internationalized host names::trailing dot": inherited(IDNA_TRAILING_DOT),
    "optional/format/idn-hostname.json::validation of separators in internationalized host names::trailing ideographic full stop": inherited(IDNA_TRAILING_DOT),
    "optional/format/idn-hostname.json::validation of separators in internationalized host names::trailing fullwidth full stop": inherited(IDNA_TRAILING_DOT),
    "optional/format/idn-hostname.json::validation of separators in internationalized host names::trailing halfwidth ideographic full stop": inherited(IDNA_TRAILING_DOT),
    "optional/format/iri-reference.json::validation of IRI References::an invalid IRI Reference": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri-reference.json::validation of IRI References::an invalid IRI fragment": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri.json::validation of IRIs::an IPv6 address without enclosing brackets is invalid": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri.json::validation of IRIs::an invalid relative IRI Reference": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri.json::validation of IRIs::an invalid IRI": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri.json::validation of IRIs::an invalid IRI though valid IRI reference": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri.json::validation of IRIs::an IPv6 host whose embedded IPv4 has a leading zero is invalid": inherited(IRI_NOT_ASSERTED),
    "optional/format/iri.json::validation of IRIs::a trailing newline after a valid IRI is invalid": inherited(IRI_NOT_ASSERTED),
    "optional/format/relative-json-pointer.json::validation of Relative JSON Pointers (RJP)::non-ASCII digit in the prefix is not allowed": inherited(RJP_ISDIGIT),
    "optional/format/relative-json-pointer.json::validation of Relative JSON Pointers (RJP)::multi-digit prefix with a zero followed by another digit": inherited(RJP_ZERO),
    "optional/format/time.json::validation of time strings::a valid time string with leap second, Zulu": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/time.json::validation of time strings::valid leap second, zero time-offset": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/time.json::validation of time strings::valid leap second, positive time-offset": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/time.json::validation of time strings::valid leap second, large positive time-offset": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/time.json::validation of time strings::valid leap second, negative time-offset": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/time.json::validation of time strings::valid leap second, large negative time-offset": inherited(RFC3339_NO_LEAP_SECOND),
    "optional/format/uri-reference.json::validation of URI References::a leading zero in the IPv4 part of an IPv6 literal": inherited(RFC3986_IPV4_LEADING_ZERO),
    "optional/format/uri-template.json::format: uri-template::a double dot in a variable name is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri-template.json::format: uri-template::a variable name may start with a percent-encoded triplet": inherited(URI_TEMPLATE_STRICT),
    "optional/format/uri-template.json::format: uri-template::a four-digit prefix max-length is valid": inherited(URI_TEMPLATE_STRICT),
    "optional/format/uri-template.json::format: uri-template::a leading zero in the prefix max-length is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri-template.json::format: uri-template::a space in a literal is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri-template.json::format: uri-template::a delete character in a literal is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri-template.json::format: uri-template::a trailing comma in the variable list is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri-template.json::format: uri-template::a default value in a varspec is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri-template.json::format: uri-template::an operator in place of the first varspec is invalid": inherited(URI_TEMPLATE_LAX),
    "optional/format/uri.json::validation of URIs::leading zero in an embedded IPv4 address is invalid": inherited(RFC3986_IPV4_LEADING_ZERO),
    "optional/format/uuid.json::uuid format::trailing hyphen after a complete UUID is invalid": inherited(LAX_UUID),
    "optional/format/uuid.json::uuid format::non-ASCII digit '২' (a Bengali 2) is invalid": inherited(LAX_UUID),
    "optional/format/uuid.json::uuid format::an underscore in place of a hex digit is invalid": inherited(LAX_UUID),
}
# fmt: on

DISAGREEMENTS: dict[str, str] = {
    name: f"{engine} engine: {reason}"
    for name, gaps in KNOWN_GAPS.items()
    if len(gaps) == 1
    for engine, reason in gaps.items()
}
"""Tests on which the engines are known to disagree (listed as a gap for exactly one of them)."""
