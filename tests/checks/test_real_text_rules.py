"""solution-offered, open-question and follow-up on the shapes real support threads take.

The lines follow the last section of behaviours.md ("Where the line falls on real text"); every sentence
here is written for the test, none is copied from a data set.
"""

from __future__ import annotations

import pytest

from turncheck import Checker, load_rules

from helpers import chat

CHECKER = Checker(load_rules())

COMPLAINT = "My account is locked and I can't sign in, this is so annoying."


def status(rule: str, agent: str, customer: str = COMPLAINT) -> str:
    card = CHECKER.check(chat(f"Customer: {customer}\nAgent: {agent}"))
    return next(r.status for r in card.rules if r.id == rule)


@pytest.mark.parametrize("agent", [
    # a help article, troubleshooter or form about this very problem
    "This article covers the error you're seeing: https://help.example.com/kb/err-4012-card-reader-offline",
    "Send us an email at https://help.example.com/hc/en-gb/requests/new",
    "This page is for exactly this problem: https://support.example.com/articles/90311",
    "This page covers that error: https://www.example.com/docs/sync/fix-stuck-upload-queue",
    # the case handed to a team that commits to act
    "Our billing specialists will be able to assist once you write in.",
    "Drop us a line via the form and we will assist.",
    "Write in through our contact form and the accounts team will have a look and advise.",
    # work under way on our side
    "Our engineers are rolling out a patch for this.",
    "We are aware of the outage and are working to get everyone back online.",
    # an instruction or a self-service remedy
    "Please make sure the app has permission to use the camera.",
    "Be sure to double check your junk folder.",
    "You can easily recover the account with your backup codes.",
    "Merging is not possible, but you can export the list and import it: https://support.example.com/articles/77",
    # an imperative that fixes things opening a sentence, or a fix named as one
    "Check your spam folder for the verification email.",
    "Hi Sam, go to Settings > Notifications and turn them back on.",
    "Make sure Bluetooth is on and the headphones are in pairing mode.",
    "Deleting and reinstalling the app should sort it.",
    "Update to version 5.2, it fixes that crash.",
    "Signing out of all devices from the account page will stop that.",
    "A power cycle of the modem should get you back online.",
    "Reinstalling the driver from our downloads page usually clears that error.",
    "i can raise a dispute with the merchant for you so the money comes back",   # a call, as transcribed
    # what the customer is entitled to claim, with where to claim it
    "This was due to a signal fault. You can claim compensation here: https://rail.example.com/claims",
    "You may be eligible for a refund of the booking fee, just fill in the form on our site.",
    # try-it idioms, options, suggested actions and modal instructions
    "Please give this a go: https://help.example.com/kb/articles/20931-sign-in-loop",
    "If you think the strike is wrong, you have the option to appeal it.",
    "This can usually be fixed by signing out of every device.",
    "We suggest running through these checks first.",
    "You may need to use a different card for the verification.",
    "Please fill out this form and the team will look at it: https://example.com/form",
    "Please restart the console in safe mode and rebuild the database.",
    # a refusal that still says what the customer can do
    "We can't remove the add-on for you, you will need to follow the steps in this guide: https://example.com/g",
    "If you'd like to leave the shared folder, you can remove it by following the steps here: https://example.com/s",
    # an offer conditioned on the customer's wish, and a reshipment
    "I can refund the delivery charge and send it again by courier if you'd like.",
    "We've reshipped the blender; a new tracking link is on its way to your inbox.",
    # a hand-off through us with our commitment, and our own staff doing the fix
    "Please reach out to us here so we can look at a replacement: https://example.com/contact",
    "The case is found and our courier will bring it to your hotel tonight.",
    # the case handed to our own team, however far the purpose is from the team's name
    "I've looped our billing experts back in on this thread and passed everything on so that they can fix it.",
    "To get back in you would need to visit the recovery page and tap Start.",
    # a link offered as the fix ("if it doesn't do the trick, ...")
    "If the steps here https://help.example.com/kb/sync-reset don't do the trick, reply and we'll dig in.",
    # a shortened link (no path to read) offered as the way through
    "This link will show you what to do: https://t.co/Qz81kLm",
    "Start here: https://t.co/Rb20xYp and DM us if it keeps happening.",
])
def test_solution_offered_real_remedies(agent):
    assert status("solution-offered", agent) == "pass"


@pytest.mark.parametrize("agent", [
    "For technical help, please visit our help site https://help.example.com/hc/en-us",
    "More info here: https://support.example.com/answer/77812",
    "Share your thoughts with the product team here: https://feedback.example.com/ideas/123456-dark-mode-please",
    "Please reach out to our developers so they can consider it: https://support.example.com/help/4021566/feedback",
    "For the latest information, go to our status page: https://status.example.com",
    # a refusal whose link only explains the no
    "Sorry, moving saves between consoles is not possible. Read more here: https://support.example.com/articles/5512",
    "We love hearing ideas, please go to our community board and post your feedback there.",
    "You can contact your mobile carrier directly here: https://help.example.com/kb/carrier-account-help-5512",
    "You'll need to contact the retailer, they can raise a claim.",
    "Please go ahead.",
    "Please check them.",
    "We'll look into it.",
    "We're here to help.",
    "The more you tell us, the better we can assist.",
    # a bare link at the end of an explanation, with nothing saying what it is for or where to look
    "You need either the primary method or a backup one https://help.example.com/security/two-step-login-issues .",
    # a closing formula after a pointer is not a remedy
    "More info here: https://support.example.com/answer/61200 I hope this helps!",
])
def test_solution_offered_not_remedies(agent):
    assert status("solution-offered", agent) == "fail"


def test_a_more_info_link_in_another_sentence_does_not_cancel_an_instruction():
    agent = ("Please make sure the app is on the latest version. "
             "You can learn more about versions here: https://support.example.com/articles/55120")
    assert status("solution-offered", agent) == "pass"


def test_a_remedy_before_a_fallback_contact_still_counts():
    agent = ("You can reset it with the recovery form: https://support.example.com/recover-account-access-help "
             "if that fails, contact our chat team.")
    assert status("solution-offered", agent) == "pass"


@pytest.mark.parametrize("agent", [
    "Could you please share a few more details on what's going on?",
    "To start, can you tell us what happens when you try to update apps manually?",
    "If there's an error message, what does it say?",
    "Can you talk me through when you last used the card, and where?",   # a datum word inside an invitation
    "Let us know what you'd like us to do about it.",
    "Hi. What happens when you try to log in? Thanks.",
    "Could you describe what the app does when it crashes?",   # a datum word inside a request to describe
    "Can you give us a little more detail on when the charge appeared?",
    "Otherwise, send us more details about what's happening and we'll take it from there.",
    # an invitation to tell more, without a question mark, and a what-question about what they noticed
    "We'd love to know more about when the readings went wrong.",
    "Share what happens right after you tap pay and we'll look into it.",
    "What have you noticed about the days it fails?",
])
def test_open_question_real_forms(agent):
    assert status("open-question", agent) == "pass"


@pytest.mark.parametrize("agent", [
    # questions for a datum, open in form only
    "What OS are you on?",
    "Which device (make and model) are you using?",
    "Where did you save the files?",
    "Could you send over a screenshot of what you're seeing on your end?",
    "Can you share your details here so someone can assist?",
    "Can you tell me the postcode of the store you visited?",
    "You can learn more about spoofed texts here: https://support.example.com/articles/30114 Does that clear it up?",
    # a question mark inside a link is not a question
    "More info: https://support.example.com/t5/blog/what-changed/ba-p/103844?clk=SITESEARCH",
    # praise asked for, or a contact preference, is not the customer's problem
    "We'd love to hear more from you on our forum!",
    "Please share how you'd like us to contact you.",
])
def test_open_question_datum_requests_and_links_are_not_open(agent):
    assert status("open-question", agent) == "fail"


@pytest.mark.parametrize("agent", [
    # a route back with someone on our side committed to act
    "Write in at the form below; from there, they’ll have a look and advise.",
    "Here's a link to our chat team, who will be able to assist you further.",
    "Share the details through the form and someone from our billing team can review it.",
    "We may be able to help without a DM.",
    "We'll be happy to help open a case for the missing parcel.",
    # what happens next on our side, with its time
    "We are rolling out a fix for this by Friday.",
    # "anything else" inside a commitment is not the closing formula
    "I'll keep an eye on the account and reply here if anything else goes wrong.",
    # work under way on our side, and the case passed to a team
    "We are working really hard to take those listings down.",
    "We're actively checking new listings against the rules.",
    "Which store was it? I'd like to pass your feedback to the regional team.",
    "Talk to one of our advisors here, so they can verify the account and carry on troubleshooting.",
    "Let's take this to DM so we can get your account details.",
    "Send us a DM with your email address so we can connect.",
    "Could you let us know your device and OS? We'll take it from there.",
    # the conversation carried on by us elsewhere, or the case taken up by our team
    "We'd like to help. Let's continue in DM: https://example.com/dm",
    "If you think the strike was a mistake, you can appeal so that our review team can take another look.",
    # a purpose we commit to, a way back to an open case, our own team taking the case up
    "Please flag the listing with this form so we can take action quickly.",
    "Send us your order ID in a DM for us to look into it.",
    "If the code still fails, please reply to case #882104 and it comes straight back to us.",
    "Contact our billing specialists here so they can sort out the double charge.",
    # the case carried on by us: a DM sent, a callback booked, a message to watch for, work on it now,
    # the right team told
    "We just DMed you, see you there!",
    "I've booked a callback with our card team for this afternoon.",
    "Look out for a text from our fraud team within the hour.",
    "We're chasing the warehouse for you as we speak.",
    "We're on it, hang tight.",
    "I've alerted the store manager, who knows about your order now.",
    # a promise to read what they send, and a DM asked for so that we can reply
    "Please send the report; we do read every one and use them to fix bugs.",
    "Send us a direct message so our reply can include your account details.",
])
def test_follow_up_commitments_in_real_wording(agent):
    assert status("follow-up", agent) == "pass"


@pytest.mark.parametrize("agent", [
    "Let us know if we can help with anything.",
    "We're here to help.",
    "We're happy to help!",
    "If anything comes up, tell us, we will be happy to help.",
    "Feel free to contact us again.",
    "Is there anything else I can help with?",
    # a prediction about a thing, or a third party that "will have" information, is no commitment
    "Gift cards are fine, they will work even while the account is locked.",
    "You could try the retailer directly, they'll have more information.",
    # a hope is not a commitment
    "Fingers crossed the new season lands here soon!",
    # being available is not committing to a next step
    "We'll be here if you need us!",
    "I'll be around whenever you want to pick this up again.",
    # a route with nobody on our side committed, or someone else's team
    "I recommend contacting our live support to review the refund options.",
    "Please contact your card issuer so they can check the payment.",
    # something done already, not what happens next
    "I've sent you a link to reset your password.",
    "Please call back tomorrow after 9am.",
    # work of ours that is not this case
    "We're checking ID at all our stores this month.",
])
def test_follow_up_invitations_without_commitment_fail(agent):
    assert status("follow-up", agent) == "fail"


@pytest.mark.parametrize("agent,rule,expected", [
    # a remedy in the customer's hands and a commitment, in the languages customers of English-language desks
    # write in (behaviours.md: non-English wording counts the same)
    ("Hola, puedes restablecer la contraseña desde Ajustes > Cuenta.", "solution-offered", "pass"),
    ("Du kannst die Werbung in deinem Konto verwalten: https://support.example.com/de/answer/1234",
     "solution-offered", "pass"),
    ("Vous pouvez réinitialiser votre mot de passe ici : https://example.com/fr/reset", "solution-offered", "pass"),
    ("Você pode redefinir a senha no app.", "solution-offered", "pass"),
    ("Versuche bitte, die App neu zu installieren.", "solution-offered", "pass"),
    ("Wir melden uns per DM bei dir.", "follow-up", "pass"),
    ("Nous reviendrons vers vous dès que possible.", "follow-up", "pass"),
    # regret in the forms agents use: "we regret the inconvenience", "our apologies"
    ("Sentimos las molestias.", "apology", "pass"),
    ("Lamentamos o transtorno.", "apology", "pass"),
    ("Ci scusiamo per il ritardo.", "apology", "pass"),
    ("Toutes nos excuses pour l'attente.", "apology", "pass"),
    # a refusal, and "you can come back to us", are neither
    ("Lo sentimos, no puedes cambiar el nombre de usuario.", "solution-offered", "fail"),
    ("Bei weiteren Fragen kannst du dich gern wieder an uns wenden.", "solution-offered", "fail"),
    ("Bei weiteren Fragen kannst du dich gern wieder an uns wenden.", "follow-up", "fail"),
])
def test_remedies_and_commitments_in_other_languages(agent, rule, expected):
    assert status(rule, agent, customer="la app no funciona desde ayer") == expected
