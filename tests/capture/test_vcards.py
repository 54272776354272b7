"""Address books as phones, Google, Apple, Outlook and Nextcloud export them."""

import io

import vobject

from ally.capture.vcards import Birthday, ContactCard, ContactPoint, Photo, iter_vcards, read_vcards, write_vcards

from .samples import (
    TINY_JPEG,
    android_contacts,
    apple_contacts,
    crlf,
    google_contacts,
    nextcloud_contacts,
    outlook_contacts,
    tiny_png,
)


def only(source) -> ContactCard:
    parsed = read_vcards(source)
    assert len(parsed.cards) == 1, parsed
    return parsed.cards[0]


def test_a_google_export_gives_every_email_and_phone_with_its_type():
    parsed = read_vcards(google_contacts())
    carla, gus = parsed.cards
    assert parsed.warnings == []
    assert (carla.name, carla.given_name, carla.family_name, carla.nickname) == (
        "Carla Client", "Carla", "Client", "Carly")
    assert carla.emails == [ContactPoint("carla@globex.example", ("work",)),
                            ContactPoint("carla.c@gmail.example", ("home",))]
    assert carla.phones == [ContactPoint("+1 212-555-0199", ("cell",)), ContactPoint("(212) 555-0100", ("work",))]
    assert (carla.organization, carla.title) == ("Globex Corporation", "Chief Technology Officer")
    assert carla.birthday == Birthday(3, 14, 1980)
    assert carla.notes == "Met at the fair, likes golf"
    assert carla.urls == [ContactPoint("https://globex.example/carla")]  # Google escapes the colon
    assert carla.tags == ["VIP"]  # "myContacts" is on every Google contact and says nothing
    assert carla.photo is None and carla.photo_url == "https://lh3.googleusercontent.com/contacts/ABCDEF"
    address = carla.addresses[0]
    assert address.text == "200 Park Ave, Floor 12, New York, NY 10166, US"
    assert (address.street, address.locality, address.region, address.postal_code, address.country,
            address.types) == ("200 Park Ave, Floor 12", "New York", "NY", "10166", "US", ("work",))
    assert gus.birthday == Birthday(4, 15, None) and gus.tags == []


def test_an_apple_export_keeps_labels_the_preferred_address_and_a_birthday_without_year():
    renee, company = read_vcards(apple_contacts()).cards
    assert renee.name == "Renée Dupont" and renee.prefix == "Dr." and renee.additional_names == "Marie"
    assert renee.emails[0] == ContactPoint("renee@creme.example", (), preferred=True, label="other")
    assert renee.email == "renee@creme.example"
    assert renee.phones == [ContactPoint("+33 6 12 34 56 78", ("cell", "voice"), preferred=True),
                            ContactPoint("+33 1 23 45 67 89", (), label="Assistant")]
    assert (renee.organization, renee.department) == ("Crème SA", "Achats, Europe")
    assert renee.birthday == Birthday(4, 15, None)  # 1604 is Apple's "no year"
    assert renee.photo == Photo(TINY_JPEG, "image/jpeg")
    assert renee.urls == [ContactPoint("https://creme.example", (), preferred=True, label="homepage")]
    assert renee.addresses[0].text == "12 rue de la Paix, Paris, 75002, France"
    assert renee.addresses[0].preferred and renee.uid == "5A8E5D2C-6E1F-4A55-9E0E-1B2C3D4E5F60"
    assert company.name == "Umbrella Corp" and company.phone == "+44 20 7946 0958"


def test_an_outlook_21_export_reads_bare_types_quoted_printable_and_unescaped_commas():
    dan = only(outlook_contacts())
    assert dan.name == "Dan Dealer" and dan.title == "Account Manager, North"  # vobject alone would cut at ","
    assert dan.notes == "Prefers calls, not email\nLikes café crème"
    assert dan.phones == [ContactPoint("(425) 555-0100", ("work", "voice")),
                          ContactPoint("(425) 555-0101", ("cell", "voice"))]
    assert dan.emails == [ContactPoint("dan@initech.example", (), preferred=True)]
    assert dan.addresses[0].preferred and dan.addresses[0].locality == "Redmond"
    assert dan.birthday == Birthday(7, 4, 1975) and dan.department == "Sales"


def test_an_android_export_decodes_utf8_quoted_printable_names_and_its_photo():
    jose = only(android_contacts())
    assert (jose.name, jose.given_name, jose.family_name) == ("José Núñez", "José", "Núñez")
    assert jose.phones[0] == ContactPoint("+34 612 34 56 78", ("cell",), preferred=True)
    assert jose.photo == Photo(tiny_png(), "image/png")


def test_nextcloud_photos_come_as_data_uris_in_30_and_40():
    lena, tom = read_vcards(nextcloud_contacts()).cards
    assert lena.photo == Photo(tiny_png(), "image/png")  # Sabre escapes the comma: base64\,
    assert tom.photo == Photo(tiny_png(), "image/png")
    assert tom.birthday == Birthday(4, 15, None)
    assert tom.phones == [ContactPoint("+1-555-555-5555 ext. 5555", ("voice", "cell"), preferred=True)]
    assert tom.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1" and tom.version == "4.0"


def test_birthdays_in_every_spelling_exporters_use():
    spellings = {"--0415": (4, 15, None), "--04-15": (4, 15, None), "19850415": (4, 15, 1985),
                 "1985-04-15": (4, 15, 1985), "1985-04-15T00:00:00Z": (4, 15, 1985), "--0229": (2, 29, None),
                 "15.04.1985": (4, 15, 1985)}
    for text, expected in spellings.items():
        card = only(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Ann", f"BDAY:{text}", "END:VCARD"))
        assert card.birthday == Birthday(*expected), text


def test_a_birthday_that_does_not_exist_is_left_out_with_a_warning_naming_its_line():
    parsed = read_vcards(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Ann", "BDAY:1985-02-30", "END:VCARD"))
    assert parsed.cards[0].birthday is None
    assert [w.as_dict() for w in parsed.warnings] == [
        {"card_index": 0, "line": 4, "field": "birthday",
         "message": "'1985-02-30' is not a day that exists; the birthday is left out"}]


def test_a_broken_photo_is_dropped_with_a_warning_and_the_card_kept():
    parsed = read_vcards(crlf(
        "BEGIN:VCARD", "VERSION:3.0", "FN:Bad Base64", "EMAIL:a@example.com",
        "PHOTO;ENCODING=b;TYPE=JPEG:%%%not-base64", "END:VCARD",
        "BEGIN:VCARD", "VERSION:4.0", "FN:Not An Image", "PHOTO:data:image/jpeg;base64,aGVsbG8gd29ybGQ=", "END:VCARD",
    ))
    assert [(c.name, c.photo) for c in parsed.cards] == [("Bad Base64", None), ("Not An Image", None)]
    assert [(w.card_index, w.line, w.field) for w in parsed.warnings] == [(0, 5, "photo"), (1, 10, "photo")]
    assert "not valid base64" in parsed.warnings[0].message
    assert "not a JPEG, PNG" in parsed.warnings[1].message


def test_a_card_with_nothing_to_identify_a_person_is_rejected_and_the_next_one_read():
    parsed = read_vcards(crlf(
        "BEGIN:VCARD", "VERSION:3.0", "NOTE:only a note", "END:VCARD",
        "BEGIN:VCARD", "VERSION:3.0", "EMAIL:someone@example.com", "END:VCARD",
    ))
    assert parsed.rejected == [0]
    assert [c.email for c in parsed.cards] == ["someone@example.com"]
    assert parsed.cards[0].name == "" and parsed.cards[0].index == 1
    assert parsed.warnings[0].message == "the card has no name, email or phone; skipped"


def test_names_come_from_n_when_fn_is_missing_and_from_the_organization_when_both_are():
    parsed = read_vcards(crlf(
        "BEGIN:VCARD", "VERSION:3.0", "N:Builder;Bob;the;;", "END:VCARD",
        "BEGIN:VCARD", "VERSION:3.0", "ORG:Builders Ltd", "TEL:+1 212 555 0111", "END:VCARD",
    ))
    assert [c.name for c in parsed.cards] == ["Bob the Builder", "Builders Ltd"]


def test_a_truncated_file_still_gives_its_last_card_with_a_warning():
    data = google_contacts()
    cut = data[:data.rindex(b"CATEGORIES")]  # the second card loses its end
    parsed = read_vcards(cut)
    assert [c.name for c in parsed.cards] == ["Carla Client", "Gus Good"]
    assert parsed.warnings[-1].field == "card" and "may be cut short" in parsed.warnings[-1].message


def test_a_line_that_is_not_a_property_is_skipped_with_its_line_number():
    parsed = read_vcards(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Ann", "this is not a property", "END:VCARD"))
    assert parsed.cards[0].name == "Ann"
    assert (parsed.warnings[0].line, parsed.warnings[0].field) == (4, "this is not a property")


def test_cards_stream_from_an_open_file_before_the_whole_file_is_read():
    data = google_contacts() * 200  # 400 cards

    class CountingFile(io.BytesIO):
        def __init__(self, data):
            super().__init__(data)
            self.lines_read = 0

        def __next__(self):
            self.lines_read += 1
            return super().__next__()

    source = CountingFile(data)
    first = next(iter_vcards(source))
    assert first.name == "Carla Client"
    assert source.lines_read < 30  # one card's lines, not the file's 5,200


def test_a_path_text_and_utf16_are_read_like_bytes(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(apple_contacts())
    from_path = read_vcards(path).cards
    assert from_path == read_vcards(apple_contacts().decode("utf-8")).cards
    assert read_vcards(apple_contacts().decode("utf-8").encode("utf-16")).cards == from_path
    with open(path, encoding="utf-8") as text_file:
        assert list(iter_vcards(text_file)) == from_path


def test_a_file_that_is_not_utf8_is_read_as_cp1252_with_a_warning():
    parsed = read_vcards(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Amélie Dupré", "END:VCARD").encode("cp1252"))
    assert parsed.cards[0].name == "Amélie Dupré"
    assert parsed.warnings[0].field == "file" and "cp1252" in parsed.warnings[0].message


def test_written_vcard_40_reads_back_into_equal_cards():
    cards = [card for sample in (google_contacts(), apple_contacts(), outlook_contacts(), android_contacts(),
                                 nextcloud_contacts()) for card in read_vcards(sample).cards]
    text = write_vcards(cards)
    again = read_vcards(text)
    assert again.warnings == []
    assert again.cards == cards
    assert all(card.version == "4.0" for card in again.cards)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_written_vcards_are_read_by_vobject_too():
    cards = read_vcards(apple_contacts()).cards + read_vcards(outlook_contacts()).cards
    parsed = list(vobject.readComponents(write_vcards(cards)))
    assert [c.fn.value for c in parsed] == ["Renée Dupont", "Umbrella Corp", "Dan Dealer"]
    assert [e.value for e in parsed[0].contents["email"]] == ["renee@creme.example", "r.dupont@creme.example"]
    assert parsed[0].bday.value == "--0415" and parsed[2].bday.value == "19750704"


def test_the_key_of_a_card_is_its_uid_else_its_email_else_its_name_and_phone():
    apple, company = read_vcards(apple_contacts()).cards
    gus = read_vcards(google_contacts()).cards[1]
    assert apple.key == "uid:5A8E5D2C-6E1F-4A55-9E0E-1B2C3D4E5F60"
    assert gus.key == "email:gus@umbrella.example"
    assert company.key == "name:umbrella corp|+44 20 7946 0958"
