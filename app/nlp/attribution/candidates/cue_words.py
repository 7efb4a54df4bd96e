"""Which words are cues: the cue lexicons read at each token, and the hand filters that turn a cue word down."""

from app.nlp.attribution import lexicon as lx
from app.nlp.attribution.document import QUOTE_MARKS, Doc
from app.nlp.attribution.intervals import Reach
from app.nlp.attribution.morphology import nisba as _nisba

BETWEEN_FORMS = frozenset(lx.fold(w) for w in ("بين", "بينه", "بينها", "بينهم", "بينهما", "بيننا", "بينهن"))
BETWEEN_REACH = 15  # tokens back from وبين to the بين it pairs with


class CueWords:
    """A cue word at each token, or None; the filters record why they turned one down
    (`rejected`), so that broad mode can still propose it with the filter as a feature."""

    doc: Doc
    n: int
    cues: list[lx.CueForm | None]
    quoted: Reach  # the closed quotations of four words or more

    # -- helpers ------------------------------------------------------------------------
    def _cue_at(self, i: int) -> lx.CueForm | None:
        doc = self.doc
        if doc.is_punct(i):
            return None
        form = lx.cue_form(doc.folded[i])
        if form is None:
            broad = lx.cue_form(doc.folded[i], lx.BROAD_CUE_FORMS)
            return self._rejected(i, broad, "broad_lexicon") if broad else None
        nxt = doc.folded[i + 1] if i + 1 < self.n else ""
        # بين is mostly "between", قدر "amount", ذكر "mention", نقل "transport": only as
        # a cue right before a complementiser or a colon, or with its و/ف prefix.
        bare = doc.folded[i] in (form.verb.past, )
        if form.verb.base == "بين" and bare and (i + 1 < self.n and doc.tokens[i + 1].text[:1].isdigit()
                                                  or i > 0 and doc.folded[i - 1] == "ما"):
            return self._rejected(i, form, "between_pair")  # بين 2012 و2014، ما بين 8-10 سبتمبر: "between"
        if form.verb.base in ("بين", "قدر", "نقل", "ختم", "علق") and bare and nxt not in lx.COMPLEMENTISERS and nxt != ":" \
                and not (form.verb.base == "بين" and self._names_then_complementiser(i)):
            return self._rejected(i, form, "bare_homograph")
        if form.verb.base == "بين" and not bare and self._between_before(i):
            return self._rejected(i, form, "between_pair")  # تمت بينه وبين مسؤولي الاتحاد: "and between"
        if form.verb.base == "بين" and bare and nxt == ":" and i > 0 and not doc.is_punct(i - 1):
            return self._rejected(i, form, "between_list")  # بالشراكة بين: «…» و«…»: "between", introducing a list
        if "\u064f" in doc.tokens[i].text[:3]:
            return self._rejected(i, form, "passive")  # وُصفت، يُقال: a passive verb has no speaker
        if lx.strip_marks(doc.tokens[i].text) == "نادي":
            return self._rejected(i, form, "club_spelling")  # نادي (ي, not ى) is the club; the verb is spelt نادى
        if form.participle and form.feminine and self._agrees_with_noun_before(i):
            return self._rejected(i, form, "adjective")  # قيود مشددة، أحكام مشددة على: an adjective, not "stressing"
        if form.verb.base == "عبر" and not form.participle and not (
                (nxt in lx.TITLES or nxt in lx.ORG_HEADS or nxt in lx.UNNAMED_HEADS or nxt in lx.GROUP_HEADS
                 or (i + 1 < self.n and doc.entity_at[i + 1] is not None and doc.entity_at[i + 1].label in ("PER", "ORG")))
                and self._subject_then_an(i)):
            return self._rejected(i, form, "via")  # عبر is mostly "across / via": a cue only before its subject and عن (عبّر الوزير عن)
        if form.verb.base == "وصف" and not any(
                f.startswith(("بان", "بال")) or f in ("ب", "بـ") for k, f in enumerate(doc.folded[i + 1:i + 40], i + 1)
                if doc.sentence_of[k] == doc.sentence_of[i]):
            return self._rejected(i, form, "noun")  # صحة وصف البيانات: the noun "description"; the cue describes X بأنه / بـ
        if form.present and i > 0 and doc.folded[i - 1] in ("ما", "مما", "بما"):
            return self._rejected(i, form, "which_shows")  # وهو ما يشير إلى أن، مما يؤكد أن: "which shows", no speaker
        if form.verb.base == "جاء" and not (nxt == "في" and i + 2 < self.n and
                                             lx.bare_word(lx.head_word(doc.folded[i + 2])) in lx.DOC_HEADS):
            return self._rejected(i, form, "came_in")  # جاء only as "it came in a statement": وجاء في بيان الوزارة أن
        prev = doc.folded[i - 1] if i else ""
        if prev in lx.NOT_VERB_AFTER and not form.participle and not form.present:
            return self._rejected(i, form, "not_verb")
        if form.present and form.verb.base in lx.IMPERSONAL_PRESENT and nxt in lx.COMPLEMENTISERS:
            return self._rejected(i, form, "impersonal")  # يتوقع أن: impersonal
        if not form.participle and self._inanimate_subject(i):
            return self._rejected(i, form, "inanimate")
        if self._inside_closed_quote(i):
            return self._rejected(i, form, "inside_quote")
        return form

    def _rejected(self, i: int, form: lx.CueForm, why: str) -> None:
        self.rejected[i] = (form, why)
        return None

    def _subject_then_an(self, i: int) -> bool:
        """عبّر الوزير سامي العلي عن…: عن follows the subject, with no phrase between (not
        عبر وسائل التواصل من خلال الحديث عن…, "via")."""
        doc = self.doc
        for k in range(i + 2, min(self.n, i + 12)):
            if doc.folded[k] == "عن":
                return True
            if doc.is_punct(k) and doc.tokens[k].text not in ("،", ",", *QUOTE_MARKS) \
                    or doc.folded[k] in ("من", "في", "خلال", "علي"):
                return False
        return False

    def _between_before(self, i: int) -> bool:
        """وبين right after a بين (بينه، بينهم) of the same sentence: the second half of
        "between X and Y", not the verb بيّن."""
        doc = self.doc
        if doc.folded[i] != "وبين":
            return False
        for k in range(i - 1, max(-1, i - BETWEEN_REACH), -1):
            if doc.ends_sentence(k):
                return False
            if doc.folded[k] in BETWEEN_FORMS:
                return True
        return False

    def _names_then_complementiser(self, i: int) -> bool:
        """في حين بين عبد الله كدسة أن…: a person (or a title and a name), then أن, after بين
        (not "between X and Y")."""
        doc = self.doc
        k = i + 1
        if k < self.n and doc.folded[k] in lx.TITLES:  # فقد بين المهندس السيد بأن…
            k += 1
            while k < min(self.n, i + 5) and not doc.is_punct(k) and doc.folded[k] not in lx.FUNCTION_WORDS \
                    and doc.folded[k] not in lx.COMPLEMENTISERS:
                k += 1
            return k < self.n and doc.folded[k] in lx.COMPLEMENTISERS
        if k >= self.n or doc.entity_at[k] is None or doc.entity_at[k].label != "PER":
            return False
        while k < self.n and doc.entity_at[k] is doc.entity_at[i + 1]:
            k += 1
        return k < self.n and doc.folded[k] in lx.COMPLEMENTISERS

    def _agrees_with_noun_before(self, i: int) -> bool:
        """An indefinite feminine or plural noun right before a feminine participle, which
        then describes it (رقابة، إجراءات أمنية، أحكام، قيود) rather than reporting speech."""
        if i == 0 or self.doc.is_punct(i - 1) or self.doc.entity_at[i - 1] is not None:
            return False
        f = self.doc.folded[i - 1]
        if f.startswith(("ال", "و")) or f in lx.TITLES or len(f) < 4:
            return False
        f = f[:-1] if f.endswith("ا") and len(f) > 4 else f  # قيودا: the accusative's alif
        broken_plural = (len(f) == 5 and f[0] == "ا" and f[3] == "ا") or (len(f) == 4 and f[2] == "و")
        return f.endswith(("ه", "ات")) or broken_plural

    def _inanimate_subject(self, i: int) -> bool:
        """`وكانت الحصيلة الأولى أشارت إلى`: a definite noun that cannot speak is the subject."""
        doc = self.doc
        k = i - 1
        while k >= 0 and k >= i - 3 and _nisba(doc.folded[k]) and doc.entity_at[k] is None:
            k -= 1
        if k < 1 or not doc.folded[k].startswith("ال") or doc.entity_at[k] is not None:
            return False
        f = doc.folded[k]
        if f in lx.TITLES or f in lx.ORG_HEADS or f in lx.UNNAMED_HEADS or f in lx.GROUP_HEADS:
            return False
        return doc.folded[k - 1] in ("كان", "كانت", "وكان", "وكانت", "فكانت", "فكان")

    def _inside_closed_quote(self, i: int) -> bool:
        """Token i is inside a closed quotation of four words or more."""
        return self.quoted.surrounds(self.doc.tokens[i].start)

