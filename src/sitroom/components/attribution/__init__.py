"""Attribution: relations of a source, a cue and a content (as PARC and PolNeAR define them), with chains.

Every attribution (``doc._.attributions``) has a cue (a verb of communication or cognition, a cue noun,
"according to", a hedge adverb, a headline's colon), its content in one or more fragments (a clause, an
object, the rest of the sentence beside a set-off cue, direct quotes and the quotes continuing them), and a
source: named, a pronoun or a description resolved to an actor, an unnamed collective ("activists", "state
media") or anonymous ("sources", "it is reported"). Its chain runs outermost first: the outlet, each
enclosing attribution's source, then its own ("Debka says that intelligence agencies believe that ..." →
outlet, Debka, intelligence agencies). A present-tense report by a named source runs on over the following
sentences until another attribution, a heading, or ``MAX_CARRY`` sentences without a cue; a cognition
report inside it ("... believe that") nests under it.

Pronoun and description sources resolve to the nearest compatible actor before them, preferring the
subjects and earlier sources of the last two sentences (no offline coreference model for spaCy 3.8 is on
PyPI: coreferee and the neural ones fetch their models at run time). ``attribution_at`` and ``voice_at``
tell other layers which attribution, if any, holds a stretch of text.
"""

from sitroom.components.attribution.actor_index import outlet_actor
from sitroom.components.attribution.component import AttributionComponent, make_attribution
from sitroom.components.attribution.lookup import attribution_at, voice_at
from sitroom.components.attribution.quotes import quote_spans
from sitroom.components.attribution.text_geometry import is_heading

__all__ = [
    "AttributionComponent",
    "attribution_at",
    "is_heading",
    "make_attribution",
    "outlet_actor",
    "quote_spans",
    "voice_at",
]
