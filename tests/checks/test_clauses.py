"""The clause-level cues of problem-raised: a negated action whatever its verb, exclusions scoped to their
clause, and the terse ways real customers report trouble. Wording here is our own, not the data sets'."""

from __future__ import annotations

import pytest

from turncheck.checks.clauses import NegatedActionCue, clauses, title_names
from turncheck.rules.model import NegatedAction

from checks.test_phrase_checks import problem_heard


def cue(**over) -> NegatedActionCue:
    spec = dict(negators=["cant", "unable to", "havent", "dont", "yet to"], weak_negators=["not"],
                fillers=["been", "able", "to", "let", "me"], not_actions=["know", "wait"], reinforcers=["still"],
                states=["available"], imperatives=["dont"], hedges=["probably", "if"], praise_after=["enough"])
    spec.update(over)
    return NegatedActionCue(NegatedAction(**spec))


def found(text: str, c: NegatedActionCue | None = None) -> list[str]:
    c = c or cue()
    starts = frozenset(a for a, _ in clauses(text, 0, len(text)))
    return [text[a:b] for a, b in c.find(text, 0, len(text), starts)]


@pytest.mark.parametrize("text,expected", [
    ("I can't renew my licence", ["can't renew"]),
    ("we haven't been able to print since Monday", ["haven't been able to print"]),
    ("the kiosk won't let me top up", []),                 # "wont" is not a negator of this small spec
    ("I have yet to see the credit", ["yet to see"]),
    ("I don't know how to export", []),                    # a not-action: a how-to, nothing failed
    ("I can't wait for the new series", []),               # a not-action
    ("Don't charge me for the upgrade", []),               # an imperative opening the clause
    ("I still don't know where it went", ["don't know"]),  # a reinforcer makes any verb count
    ("it's not available in my region", ["not available"]),
    ("it's not great", []),                                # a weak negator needs a state or a participle
    ("it's not syncing", ["not syncing"]),
    ("I probably can't make the appointment", []),         # a hedge earlier in the clause: a guess
    ("I can't thank you enough", []),                      # praise
])
def test_negated_action_cue_finds_the_shape_not_the_verb(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a not-action of using or seeing is the action when nothing can be had
    ("I can't watch anything tonight", ["can't watch"]),
    ("can't read any of my texts", ["can't read"]),
    # ... but not after a not-action outside the class, nor without the object reinforcer
    ("I don't need anything else", []),
    ("I can't watch the finale", []),
])
def test_object_reinforced_not_action(text, expected):
    c = cue(not_actions=["know", "wait", "need", "watch", "read"], object_reinforced=["watch", "read"],
            object_reinforcers=["anything", "any", "anymore"])
    assert found(text, c) == expected


def test_clauses_split_at_punctuation_and_conjunctions():
    text = "it worked, but then it froze because the disk was full"
    assert [text[a:b].strip(" ,") for a, b in clauses(text, 0, len(text))] == [
        "it worked", "but", "then it froze", "because the disk was full"]


@pytest.mark.parametrize("customer,problem", [
    # any verb after a negation, in the shapes real customers use
    ("I am not able to reactivate my old mailbox", True),
    ("cannot reach the checkout page from my tablet", True),
    ("why aren't my podcasts downloading?", True),
    ("I have yet to get the coins I bought last week", True),
    ("I still don't have the badge in my profile", True),
    ("I don't know how to change the theme", False),
    ("I haven't tried the desktop version yet", False),
    ("I probably won't be able to use the gym for a month because of my knee", False),
    ("couldn't love this update more", False),
    # an exclusion holds only in its own clause
    ("it was fine at first but then it started to freeze every few minutes", True),
    ("it works now, thanks for the help", False),
    # terse reports: down, taken over, forgotten, gone, why-did-you, anyone else
    ("is the store down rn", True),
    ("somebody logged into my account from abroad", True),
    ("forgot the pin for my old card", True),
    ("where did my saved levels go?", True),
    ("why did you hide the shuffle button", True),
    ("is anyone else getting a black screen on launch", True),
    ("it's been 5 weeks since I sent the form", True),
    ("how do I add a second user?", False),
    # something tried, or expected, and still so; a bare plea for help
    ("rebooted the console twice and the update still would install", True),
    ("I finished all 30 trials but the badge is still grey", True),
    ("the box says 60fps but it only runs at 30", True),
    ("tried the new tablet app, any help?", True),
    ("why my every upload get the yellow icon", True),                 # "why my ..." without the verb
    ("been trying to get through to billing for a week", True),
    ("I've been trying the beta for weeks and love it", False),
    ("the display goes blank when I plug in the charger", True),
    ("audio keeps cutting out on calls", True),
    ("the tablet app is unusable now", True),
    ("got a letter saying my account is closed??", True),
    ("the meeting keeps dropping people at 50, any chance of getting assistance?", True),
    ("I moved house last month but I still have the old address on my card so I'd like a new one", False),
    # a weak negator with a present-tense verb; a service "out"; "but no" in a statement
    ("the verification text never comes through", True),
    ("the printer says paper jam every morning", True),
    ("nothing loads past the splash screen", True),
    ("this shop never fails to surprise me, love it", False),
    ("broadband out again on our street", True),
    ("paid on Monday but no confirmation email", True),
    ("can guests join from a browser but no account needed?", False),
    # non-English wording counts the same (behaviours.md)
    ("la app no funciona desde ayer", True),
    ("ich kann mich nicht einloggen", True),
    ("je ne peux pas me connecter", True),
    ("não consigo entrar na minha conta", True),
    ("wie kann ich mein Passwort ändern?", False),
    # ... in the terse forms too: an outage, a delay, a charge, a loss, a wrong bill
    ("seit Montag kein Internet", True),
    ("el autobús lleva una hora de retraso", True),
    ("colis perdu, merci pour rien", True),
    ("cobraram duas vezes no meu cartão", True),
    ("fattura sbagliata di nuovo", True),
    ("de bus is weer te laat", True),
    ("¿a qué hora abre la tienda?", False),
    ("posso pagare con la carta?", False),
    ("📦❌ two weeks now", True),
    # a failure word inside a product or title name is a name
    ("how do I pre-register for Dead Space Remake on my console?", False),
    ("can you add the Broken Social Scene live album please", False),
    ("Dead Space Remake keeps crashing on launch", True),
    ("where can I download the Dead by Daylight soundtrack?", False),
    ("is the site going down for maintenance tonight?", False),   # planned work, not a failure
    # a hypothetical or a conditional is not a report
    ("hypothetically, if the parcel were late, would I get the fee back?", False),
    ("if I cancel my booking today do I still get the voucher?", False),
    # a service down again, a wait measured in hours, paying for one thing and getting another, a find in the food
    ("is the chat server down again??", True),
    ("stuck at the gate for 3 hours and no updates from anyone", True),
    ("my bank transfer has been pending for two days", True),
    ("paying for the 500 meg plan and getting 40", True),
    ("found a piece of plastic in my salad", True),
    # "please help" under a how-to question is a way of asking, not a failure
    ("Is there a way to export my playlists to a file? Please help!", False),
    ("How do I add a second profile to the account? please help", False),
    ("I was charged twice this month. How do I get it back? Please help!", True),
    ("HELP! all my photos are gone from the cloud", True),
    # ... whichever sentence of the turn the how-to and the plea are in
    ("Is there any way to sort my saved videos by date? I'd like the newest first. Please help!", False),
    ("Is there a way to list only new uploads? I want fresh videos, not reruns. Please help!", False),
    ("How can I move my songs to the new phone? Would love to keep them. HELP!", False),
    ("Can someone please help? My parcel was never delivered", True),
    ("Moved my files to a new laptop and the folders vanished. HELP!", True),
    # a negated wish or choice is no failure ("don't want to cancel"), a negated action is
    ("I don't want to cancel, just pause it for a month", False),
    ("I can't decide between the two plans, which is better?", False),
    ("the promo code doesn't apply at checkout", True),
    ("my earbuds won't pair with the laptop", True),
    # terse shapes of a failure, whatever the product
    ("the step counter stopped counting after the update", True),
    ("I stopped using the old app months ago, how do I delete it?", False),
    ("security camera offline again", True),
    ("can I watch downloads offline on the plane?", False),
    ("lip sync is off, the audio is out of sync", True),
    ("been without heating since Tuesday", True),
    ("the hotel has no record of my booking", True),
    ("the delivery date came and went", True),
    ("power's been out since 6am", True),
    ("how do I find out when the power is out for the works?", False),
    ("the meter reading on my statement is way off", True),
    ("my insurance claim has been open for five weeks", True),
    ("my saved playlists went from 300 to zero overnight", True),
    ("the vending machine ate my coins", True),
    ("left stick drifting on a brand new controller", True),
    ("just a spinning wheel when I open the live channel", True),
    ("think I got shadowbanned, nobody sees my posts", True),
    # the shapes of a call: a dispute, a bounce, "but I paid", figures that differ, a price that rose
    ("yeah hi I want to dispute a charge from last week", True),
    ("my rent payment bounced and now there's a fee", True),
    ("got a reminder saying I owe for March but I paid it on the first", True),
    ("the statement shows a different total to my receipt", True),
    ("it used to be 30 a month and now it's 45", True),
    ("the site signed me out halfway through checkout and now I don't know if the order went through", True),
    ("I don't know if the order went through, can you check?", False),
    # the polite, full-sentence complaints of web chat
    ("Hello, I was told the order would be with me in 3 days and was told it would be tracked. Nothing yet.", True),
    ("Hi there, the lamp I received looks used and the shade is dented.", True),
    ("We booked a quiet room at the back and were given one over the bar.", True),
    ("Hi, the plumber left without finishing the job this morning.", True),
    ("Hello, I can see two payments for a single order on my card.", True),
    ("Since the switchover the radio reception has been patchy.", True),
    ("Hello, I ordered yesterday and I'd like to add a gift note if it's not too late.", False),
    # displeasure in a word, a hashtag or a sarcastic question
    ("ugh, the app again", True),
    ("really poor communication from the depot today", True),
    ("#neveragain @brand", True),
    ("thanks for ruining our anniversary dinner", True),
    ("is anybody even reading these messages?", True),
    ("how is it fair to charge for a seat on a cancelled flight", True),
    ("rip to the old logo lol, the new one is nice", False),
    # the shapes of English written as a second language
    ("sir my sim is block kindly unblock", True),
    ("why u deduct my money for nothing", True),
    ("my data is finishing very fast since the new plan", True),
    ("how many days i wait for my new card", True),
    ("i win the bike in the event but its not in garage", True),
    ("how do I unblock a contact on the app?", False),
    ("is my subscription a tax deduction?", False),
    # "issue" as a verb asks for something; as a noun it reports one
    ("could you issue the invoice in my company's name please", False),
    ("I have an issue with the invoice", True),
])
def test_problem_raised_on_terse_real_wording(customer, problem):
    assert problem_heard(customer) == problem


# --- blame and contradiction on real agents' wording ---

from checks.test_phrase_checks import after_complaint  # noqa: E402


@pytest.mark.parametrize("agent,blame", [
    # a referral to the company's own team names no fault
    ("Billing questions go to our payments specialists. You can reach them at the link below.", "pass"),
    ("That one is for our studio support team; get in touch with them here: https://example.com/contact", "pass"),
    ("You should have had a text by now. If not, write to the Studio Support team here: https://example.com/help",
     "pass"),
    # an expectation or a requirement is not the customer's fault
    ("You should have received a confirmation text with the details.", "pass"),
    ("To change it you must have access to the backup email.", "pass"),
    # blame stays blame, with or without a mention of our own team
    ("You should have read the terms before you renewed.", "fail"),
    ("Our warehouse team mixed up the labels, that's on them, not me.", "fail"),
    ("Due to contractual agreements you'll need to contact your carrier. Here's how to contact them: https://x.y/z",
     "fail"),
    # a neutral cause, or where a purchase is handled, is not blame; the customer's own error named is
    ("The card issuer declined the payment; could you try another card?", "pass"),
    ("If you bought it from a reseller, they are the ones who process the return.", "pass"),
    ("You typed the wrong postcode, that's why it came back.", "fail"),
    ("The seller is responsible for returns on marketplace orders.", "fail"),
    ("That one is up to the channel owner, sorry.", "fail"),
    ("The delay came from the ground crew, not by us.", "fail"),
    ("You didn't choose tracked delivery at checkout.", "fail"),
    ("If you entered the wrong email, you can change it here: https://example.com/profile", "pass"),
    # the fault put on a carrier in so many words, or on customers who get things wrong
    ("That's on the courier, it left us on Monday.", "fail"),
    ("This usually happens when people type the wrong card number.", "fail"),
    ("This can happen when the app is out of date; updating it should fix it.", "pass"),
    ("This one's on us, sorry, a refund is on its way.", "pass"),
    # the decision or the fault put on an app store, a bank or the customer's own people
    ("As you paid through the Play Store, the refund is up to Google.", "fail"),
    ("Your bank is the one holding the second payment.", "fail"),
    ("It was your son who ordered the extra console.", "fail"),
    ("That's a hold at the bank, not something on our end.", "fail"),
    ("We're the ones who should apologise here.", "pass"),
])
def test_referral_is_not_blame(agent, blame):
    assert after_complaint(agent)["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    ("Sorry, that is not possible.", "fail"),                                  # a flat refusal
    ("You weren't charged twice, there is one payment on the account.", "fail"),   # their case disputed
    ("That's just how the queue works, I'm afraid.", "fail"),
    ("You weren't charged for the cancelled order, and I've refunded the other one.", "pass"),
    ("We're unable to move bookings between accounts.", "fail"),
    ("That's not possible, but I can refund the fee instead.", "pass"),        # a positive no
    ("Merging accounts isn't possible. You can export the playlist and import it on the new one.", "pass"),
    ("Is that not possible on the app?", "pass"),                              # a question refuses nothing
    ("It failed because you don't have enough credit for the tax.", "fail"),   # disputes the customer's own case
    ("We don't offer exchanges.", "fail"),                                    # a flat refusal, in "we don't"
    # the customer's account disputed in the forms agents use
    ("We have no record of your call last week.", "fail"),
    ("This isn't an error, the account simply hasn't reached the limit yet.", "fail"),
    ("That's not how the loyalty scheme works.", "fail"),
    ("The app is working as expected on our end.", "fail"),
    ("Actually, the update didn't remove that setting.", "fail"),
    ("That's our policy and it can't be changed.", "fail"),                  # a flat refusal
    ("Refunds aren't possible after 30 days, but I can offer store credit.", "pass"),
    ("We don't offer exchanges, but I can refund you in full today.", "pass"),
    # the customer's case declared fine or correct from the agent's side, or a repeat of what was said before
    ("All looks fine on our side with the delivery.", "fail"),
    ("There's nothing wrong with your order, it's just in transit.", "fail"),
    ("The delivery fee was charged correctly.", "fail"),
    ("A four-day wait is normal for your postcode.", "fail"),
    ("We have already answered this in our last message.", "fail"),
    ("Gift wrapping is not something we offer, sorry.", "fail"),                # a flat refusal
    # a refusal here that gives the way to get it done elsewhere in the company is not flat
    ("We are unable to help with loan queries on social media. Please call 0800 123 4567.", "pass"),
    # the customer's account of their case denied or put down to them
    ("You must be mistaken, the parcel was scanned at your door.", "fail"),
    ("It's likely you deleted the order confirmation yourself.", "fail"),
    ("We don't see any problem with the courier's scan.", "fail"),
    ("The tracking system is working correctly.", "fail"),
    ("Our depot couldn't have caused the damage.", "fail"),
    ("As per our policy, damaged boxes can't be refunded.", "fail"),              # a flat refusal
    # ... but a fix reported, a check asked for, or a policy cited while helping is not
    ("The tracking system is working correctly again, sorry for the outage.", "pass"),
    ("Please check the label is working correctly before you drop it off.", "pass"),
    ("As per our policy, I've started your refund for the damaged box.", "pass"),
    ("All looks fine on our side now that the depot is back open.", "pass"),
    ("It's normal for your parcel to pause at the hub overnight.", "pass"),
    ("We don't see any problem with your address, so the miss was our error; a new one is on its way.", "pass"),
    # ... but a fee found wrong, or a check that finds a fault, disputes nothing
    ("I checked and the fee was applied in error, so I've refunded it.", "pass"),
    ("From our side the parcel shows as damaged in transit, so I'm sending a new one.", "pass"),
])
def test_flat_refusal_and_disputed_case_are_contradiction(agent, verdict):
    assert after_complaint(agent)["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # reusing the customer's words inside an instruction or a troubleshooting question restates nothing
    ("Just to confirm, have you tried resetting the router password with the reset button?", "fail"),
    ("You'll find the router password on the sticker under the router.", "fail"),
    ("A working router password is very important to us.", "fail"),
    # a real restatement with a check still counts
    ("So the router password you were given is rejected every time, is that right?", "pass"),
    # an apology that names the point back in a clause of its own
    ("I'm sorry the router password you were given keeps getting rejected.", "pass"),
    ("I'm sorry about the router.", "fail"),                   # one shared word names no point
])
def test_instruction_is_not_restatement(agent, verdict):
    got = after_complaint(agent, "The router password you gave me is rejected every time I type it in.")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,apology", [
    ("We hate to hear the upload keeps failing.", "pass"),          # regret without "sorry"
    ("Not what we like to see! Let's get this looked at.", "pass"),
    ("Oh no!", "fail"),                                             # an interjection is no regret
    # chat shorthand for sorry, and its filler use
    ("Our bad, we'll fix it now.", "pass"),
    ("sry about that!! DM us", "pass"),
    ("Soz, what's the order number?", "fail"),
])
def test_regret_without_sorry_is_an_apology(agent, apology):
    assert after_complaint(agent)["apology"] == apology


@pytest.mark.parametrize("agent,blame", [
    # the decision left with a third party, and nothing more: blame
    ("The rights holders who filed the claim can decide what happens to the video.", "fail"),
    ("It's likely the seller has chosen to delay dispatch.", "fail"),
    # a third party's error named as the cause: blame; our own, or an error message, is not
    ("It's the courier company's mistake, they scanned it wrong.", "fail"),
    ("The app's error message should say more, what does it show?", "pass"),
    ("That was on our side, the server's fault, and it's fixed now.", "pass"),
    # our own team deciding is no blame
    ("I've asked our review team to look at it, and I'll email you their answer by Friday.", "pass"),
])
def test_decision_left_with_a_third_party_is_blame(agent, blame):
    assert after_complaint(agent)["no-blame-shifting"] == blame


@pytest.mark.parametrize("customer,problem", [
    ("why can't I open any of my playlists?", True),      # an inverted why-question
    ("logged in this morning and the badge is not there", True),
    ("the forum was of no help with my locked account", True),
    ("can't see my saved designs on the tablet", True),
])
def test_problem_raised_on_more_shapes(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("customer,problem", [
    # a symptom, not a verb of failure: a warning light, a noise, a drift, a thing that acts by itself
    ("modem light blinking amber all morning", True),
    ("the dryer is super loud since Friday", True),
    ("left stick drifting again", True),
    ("my watch keeps resetting itself overnight", True),
    ("the service goes out every evening around 8", True),
    # an amount that grew, a fraction of what was paid for, money held back
    ("my premium has gone up by 40 quid", True),
    ("getting maybe half of what I pay for in speed", True),
    ("you're still holding my refund after a month", True),
    # a partial or swapped order, a thing that does not match, a change with no word about it
    ("half the groceries missing from the bag", True),
    ("got substituted items I never asked for", True),
    ("the cabin looked nothing like the pictures", True),
    ("appointment moved to next week and no email about it", True),
    ("the display says the tank is empty but it's full", True),
    ("earbuds only charging one side", True),
    ("my speaker isn't detected anymore", True),
    # look-alikes: a feature asked about, a product with a failure word in it, a request
    ("does the editor support RAW photos", False),
    ("could we get a late checkout tomorrow", False),
    ("I'm not using the second line anymore, how do I remove it?", False),
    ("what does the blue light on the router mean", False),
    # praise and plain reports built from the same words
    ("love the red and orange lights on the new shop front", False),
    ("we substituted the beef for lentils and it was lovely", False),
    ("I only play at weekends so the basic plan is enough", False),
    ("my dog is super loud in a good way", False),
    ("the new case looks nothing like the old one, so much better", False),
    ("the signal goes out of town further than before, impressive", False),
    # a failure word inside a game's name, written in lower case
    ("when can I preorder red dead 2 on the new console?", False),
    ("my left controller is dead after one week", True),
])
def test_problem_raised_on_symptoms_and_amounts(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("customer,problem", [
    # displeasure said sideways: sarcasm, a rating, a rhetorical question, what the money buys
    ("nothing like sitting on the runway for three hours", True),
    ("two stars, would not recommend to anyone", True),
    ("do you even read these messages", True),
    ("£60 a month for this? really", True),
    # a wait, a mismatch, an empty or thrown parcel, a size that is off, a battery that drops
    ("50 minutes in the queue and only one till open", True),
    ("the app says it's in stock but the shop said otherwise", True),
    ("courier tossed the parcel over the gate", True),
    ("the box came empty", True),
    ("these jeans fit like a size smaller", True),
    ("battery goes from full to 20% by lunch", True),
    ("I paid for the annual plan and it says I'm on the free tier", True),
    # look-alikes: praise, a plain question, a recommendation asked for
    ("love the new app, great update", False),
    ("the new boots fit like a glove", False),
    ("which headphones would you recommend for running?", False),
    ("how many minutes are in the family plan", False),
    # a device acting by itself, a fault that came in the box, a service not had since, silence, lag
    ("the tablet switches on by itself at night", True),
    ("the curtains arrived with a tear down the middle", True),
    ("we haven't had hot water since Thursday", True),
    ("the right earbud is silent", True),
    ("the game lags every few seconds", True),
    ("I can't watch anything on the new box", True),
    ("I can't wait to watch anything you release", False),
    # the letter-and-claims shapes of utilities, insurers and councils
    ("my claim went in a month ago and we've heard nothing since", True),
    ("I'm writing to dispute the reading on my water bill", True),
    ("we were quoted £80 and then billed £130", True),
    ("the voucher arrived after the wedding", True),
    ("the courier says no one answered but we were home", True),
    ("damp is coming through the bedroom wall", True),
    ("the letting agent keeps ignoring my emails", True),
    ("the card arrived after the birthday but that's fine, thanks!", False),
    # praise first, the complaint after
    ("lovely blender, shame the motor died after a month", True),
    ("twelve years a member and this is how you treat me", True),
    ("no offence to the courier but he put the box in a puddle", True),
    ("my old laptop died so I bought one of yours, love it", False),
    ("the installer promised us double the speed and we got half", True),
    # praise and plain questions with the same words are not complaints
    ("the queue moved fast, only 5 minutes in line!", False),
    ("love spending my sunday on your app lol", False),
    ("do you even ship to Canada?", False),
    ("I paid for the upgrade and it says it starts tomorrow, perfect", False),
    ("the new speakers are humming along nicely", False),
    # a question about one's own missing or unexplained thing
    ("is there a reason my rewards vanished?", True),
    ("what happened to my saved addresses?", True),
    ("what's this £12 payment on my statement?", True),
    ("where's the rest of my order??", True),
    ("what happened to the old logo? liked it better", False),
])
def test_problem_raised_said_sideways(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # checking what the customer means, with their own words, is a restatement
    ("Is it safe to assume you are talking about the router password on the sticker?", "pass"),
    ("Are you trying to change the router password you were given?", "pass"),
    # a check question with nothing of theirs in it is not
    ("Are you trying to reach us by phone?", "fail"),
])
def test_check_question_with_their_words_is_restatement(agent, verdict):
    got = after_complaint(agent, "The router password you gave me is rejected every time I type it in.")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # the customer's trouble named back in their own specific word
    ("Sorry to hear you're having trouble syncing.", "pass"),
    # only general words in common: no restatement
    ("Sorry to hear you're having trouble.", "fail"),
    ("Sorry you're having issues with your account.", "fail"),
    # a conditional offer of help restates nothing
    ("If you're still having trouble syncing, reply here.", "fail"),
])
def test_trouble_named_back_is_restatement(agent, verdict):
    got = after_complaint(agent, "my calendar has issues syncing with my account since Monday")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # the trouble named back in the agent's own words, after a regret: no word in common is needed
    ("We're sorry to hear you're having trouble staying online.", "pass"),
    ("Sorry to see you are having connection issues with your router.", "pass"),
    ("Sorry to hear that you're unable to stream in the evenings.", "pass"),
    # ... but the named words must be specific, and in the same clause
    ("Sorry you're having a bad experience.", "fail"),
    ("We're sorry to hear you're having trouble, Morgan.", "fail"),
    ("Sorry you are having issues with your device today.", "fail"),
    ("Sorry you're having to deal with this!", "fail"),
    # a refusal or a conditional is not a paraphrase
    ("Sorry, you can't get a router swap within 30 days of joining.", "fail"),
    ("If you're having trouble staying online, restart the router.", "fail"),
])
def test_trouble_paraphrased_after_regret_is_restatement(agent, verdict):
    got = after_complaint(agent, "broadband drops every night around 9, router lights go red")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # regret followed by the customer's situation as a clause of its own: their point, said back
    ("Sorry to hear your parcel hasn't turned up after 10 days.", "pass"),
    ("We understand your parcel still isn't here after ten days, that's a long wait.", "pass"),
    ("Sad to hear the parcel is still missing after all those days!", "pass"),
    # regret about a thing, or a clause with one word of theirs, is not
    ("Sorry about your parcel, what day was it sent?", "fail"),
    ("Sorry to hear you're waiting on us.", "fail"),
    # a diagnosis that names their trouble in their words ("it looks like ...") says it back too
    ("It looks like the parcel hasn't left the depot in ten days.", "pass"),
    ("It looks like we're busy today, please DM us.", "fail"),
])
def test_their_situation_said_back_after_regret_is_restatement(agent, verdict):
    got = after_complaint(agent, "my parcel still hasn't arrived, it's been 10 days")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # regret, then their thing as the subject of a clause: one specific word of theirs is enough
    ("I'm so sorry your suitcase didn't come off the plane with you.", "pass"),
    ("We're sorry to hear you've been without your suitcase since Friday.", "pass"),
    # ... but not a general word, and not a thing without a clause
    ("Sorry your trip didn't go to plan.", "fail"),
    ("Sorry about the suitcase.", "fail"),
])
def test_their_thing_in_a_clause_after_regret_is_restatement(agent, verdict):
    got = after_complaint(agent, "lost my suitcase on the flight to Lisbon, nobody at the desk can help")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # an abbreviation or a plain synonym of the customer's word is their word
    ("It seems that the app is launching as a trial.", "pass"),
    # ... but not inside an instruction, and not with nothing else of theirs
    ("You can find the app in the store under Trials.", "fail"),
    ("Sorry about the app!", "fail"),
])
def test_same_words_count_as_theirs(agent, verdict):
    got = after_complaint(agent, "my application keeps crashing and asking me to start a trial")
    assert got["restatement"] == verdict


def test_restatement_word_lists_hold_only_words_that_can_match():
    """Every generic_words and same_words entry of the default pack is a content word (the only words compared:
    not a stop word, not under three letters, one token), and no group lists two forms of one stem."""
    from turncheck import load_rules
    from turncheck.checks.words import _content_stem
    from turncheck.text import words

    check = load_rules().get("restatement").check
    entries = list(check.generic_words) + [w for group in check.same_words for w in group]
    dead = [w for w in entries if len(words(w)) != 1 or not _content_stem(words(w)[0][0])]
    assert dead == []
    for group in check.same_words:
        stems = [_content_stem(w) for w in group]
        assert len(set(stems)) == len(stems), group


@pytest.mark.parametrize("agent,verdict", [
    # empathy that names their situation in a gerund clause says it back too
    ("That sounds really annoying, having the broadband cut out every evening.", "pass"),
    ("That sounds frustrating, please DM us the account number.", "fail"),
])
def test_situation_in_a_gerund_after_empathy_is_restatement(agent, verdict):
    got = after_complaint(agent, "my broadband drops every evening around 8")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    ("#phishing another fake page copying your login screen: hxxp://example-login[.]top", False),
    ("Scammers are sending texts pretending to be your bank, heads up", False),
    ("I clicked a phishing link and now my account is locked", True),   # it reached the customer
])
def test_a_report_about_someone_elses_wrongdoing_is_no_problem(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("text,names", [
    ("my copy of Red Dead Redemption 2 won't start", ["Red Dead Redemption 2"]),
    ("is The Last of Us on sale?", ["The Last of Us"]),
    ("@Brand Lost In The Woods is missing from my playlist", ["Lost In The Woods"]),
    ("Broken screen on my phone", []),              # an ordinary capital opening the sentence
    ("Broken Screen on my phone", []),              # two capitals opening a sentence: not enough for a name
    ("My Phone Is Broken And Nobody Helps", []),    # everything capitalised: the writer's habit, not names
    ("#DeadZone is trending", []),                  # hashtags and handles are not words of the sentence
    # an error label the device shows reports a failure: it is no name
    ('the heat pump has shown "Flow Fault 21" since Monday', []),
    ("keeps saying Connection Failed whenever I stream", []),
])
def test_title_names(text, names):
    assert [text[a:b] for a, b in title_names(text, 0, len(text))] == names


@pytest.mark.parametrize("agent,verdict", [
    # an offer to act on the case, or the way back with what we will do with it, is a commitment
    ("Let me see what we can do for you. Could you send the receipt number?", "pass"),
    ("Which model is it? The more detail you send, the better we can assist.", "pass"),
    ("Start a chat with us here: https://example.com/chat. We can help troubleshoot faster that way.", "pass"),
    ("That needs our returns team, and they can sort it out for you here: https://example.com/returns", "pass"),
    ("Feel free to send your account number to me directly in a private message.", "pass"),
    # troubleshooting on the spot, a third party's help, an offer of goods, availability: not a commitment
    ("Let's see if we can get it going: hold the power button for ten seconds.", "fail"),
    ("The courier has a claims line, they can look into it for you.", "fail"),
    ("We are offering an extension of the return window this month.", "fail"),
    ("We can be reached one on one in the app if you ever need us.", "fail"),
    # a phone extension is a way back to the same person
    ("If it happens again, ring me on extension 4411.", "pass"),
    # what we can do on the case, or want to get done for them
    ("We can take a look at this for you over DM.", "pass"),
    ("If you send us the order number we can check its status for you.", "pass"),
    ("We want to get this sorted for you. Please send us a DM with your phone number.", "pass"),
    ("We want you to have the best experience with us.", "fail"),
    # the team told about it
    ("Thanks for the feedback, please know that we have made the team aware.", "pass"),
    ("Making sure you're aware: the team is closed on Sundays.", "fail"),
])
def test_commitments_in_real_shapes_are_follow_up(agent, verdict):
    assert after_complaint(agent)["follow-up"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # explaining that what they see is how the service works disputes nothing they said: two blind readers of
    # real threads passed it; saying it is no fault of ours ("not a bug", "expected behaviour") still fails
    ("That's actually a normal part of how the order total is recalculated.", "pass"),
    ("We re-check every review, so it's normal to see the count drop for a while.", "pass"),
    ("That's not a bug, it's how the count works.", "fail"),
    ("This is expected behaviour for the app.", "fail"),
    # normal feelings, service back to normal, a delay that is normal but chased: not a dismissal
    ("It's completely normal to feel annoyed about this, and I'm sorry.", "pass"),
    ("Your frustration is completely normal.", "pass"),
    ("Everything should be back to normal now.", "pass"),
    ("A short delay is normal at this time of year, but I'll chase it for you.", "pass"),
])
def test_what_they_report_called_normal_is_no_contradiction(agent, verdict):
    assert after_complaint(agent)["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,blame", [
    # the charge put on a named company that runs the billing or the account
    ("As your subscription is administered directly by Google Play, you can request a refund from Google.", "fail"),
    ("Your account is billed through the App Store, so the refund has to come from Apple.", "fail"),
    # our own people, or the customer's admin, are not a third party to blame
    ("The service is maintained by our engineers, who are fixing it now.", "pass"),
    ("The account is managed by your company's admin, so they can reset it for you.", "pass"),
])
def test_billing_owned_by_a_named_third_party_is_blame(agent, blame):
    assert after_complaint(agent, "I cancelled the trial and was still charged!")["no-blame-shifting"] == blame


def test_their_words_inside_an_offer_of_how_to_are_not_restatement():
    got = after_complaint("We're sorry to hear this, and we'd like to provide an option on how to cancel your "
                          "booked flights.",
                          "HELP! I need to cancel my flights booked on points and nobody will help me until a week "
                          "before!")
    assert got["restatement"] == "fail"


@pytest.mark.parametrize("customer,problem", [
    # displeasure at how the company behaves
    ("is there a reason you refuse to open on Saturdays when everyone works weekdays?", True),
    ("charging triple for masks right now should be illegal", True),
    ("profiteering off a storm, nice one", True),
    ("you should be ashamed of how you treat drivers", True),
    ("shame on @brand for this", True),
    # refusing and shame in contented messages
    ("my kids refuse to use any other app, love it", False),
    # a bill that does not match, a delivery days late
    ("why does my bill say $140 when my plan is $80", True),
    ("paid for next-day delivery and it came 4 days later", True),
    ("why does my bill show a discount, just curious", False),
    # "great service" is praise unless something around it says otherwise
    ("great service at the high street branch today", False),
    ("great service, 3 hours on hold", True),
    # something of theirs flagged, a block that makes them wait, less than they got sold
    ("my video got a copyright claim but the track is royalty free, can you release it?", True),
    ("the app says I have to wait 24 hours before I can try again, can you unlock it sooner?", True),
    ("my free trial ended after 3 days instead of 7, can I get the rest?", True),
    ("got charged £40 instead of £20", True),
    # a claim number, a preference, a wait that is over
    ("I got a claim number for my insurance today, thanks", False),
    ("I'd like the blue one instead of the red", False),
    ("I got the annual plan instead of monthly, love it", False),
    ("the site told me to wait for the confirmation email, got it now thanks", False),
    # said on a call: identity fraud, an account closed on them
    ("hi uh someone opened a credit card in my name", True),
    ("i got a letter saying my account is closing and i don't know why", True),
    ("i'd like my account to be closed please", False),
    ("the card will be closed when the new one arrives, right?", False),
    # impatience with a wait imposed on them, a claim or takedown on their upload, an accusation of the company
    ("I emptied the bin but I don't want to wait 30 days for the space back, any tips?", True),
    ("a song I licensed is being claimed on my video, can you release the claim?", True),
    ("why was my video taken down??", True),
    ("please stop people reselling face masks on your site, you are currently contributing to the shortage", True),
    # a question about what might happen, praise, excitement
    ("I want to add music to my video, is it blocked in some countries?", False),
    ("you're contributing so much to local charities, thank you!", False),
    ("can't wait for the new season!", False),
])
def test_problem_raised_on_conduct_blocks_waits_and_calls(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # a short link named for its topic, recommended for this trouble, is a remedy
    ("For now we recommend: https://example.tv/PlaybackHelp- Keep us posted!", "pass"),
    # a help site's home page is not, recommended or not
    ("We recommend taking a look through https://help.example.com/hc/en-us for more info.", "fail"),
    ("Check out our help site: https://example.com", "fail"),
    ("Check out this article, it walks through the fix: https://example.com/kb/88123", "pass"),
])
def test_recommended_topic_link_is_a_remedy(agent, verdict):
    assert after_complaint(agent, "the app won't play anything on my TV")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # the customer's account of their case disputed, or a refusal with nothing offered
    ("That isn't accurate, the payment posted on the 16th.", "fail"),
    ("Actually, you paid on the 16th, not the 15th.", "fail"),
    ("You didn't pay on time according to our system.", "fail"),
    ("We don't waive late fees, sorry.", "fail"),
    ("Unfortunately that's not something we can change.", "fail"),
    ("The late fee is standard and won't be removed.", "fail"),
    # the same words with something offered, or our own error owned; how the fee arises, explained, disputes
    # nothing by itself (two blind readers of real threads passed "this is a normal part of how ...")
    ("This is expected when a payment posts after the monthly cutoff.", "pass"),
    ("We can't remove it automatically, but if you DM us the receipt we'll review it.", "pass"),
    ("You didn't pay late, according to our records it was our system's error. The fee is reversed.", "pass"),
    ("Actually, you can pay by card too if that's easier.", "pass"),
    ("The fee will be refunded today.", "pass"),
])
def test_disputed_payment_and_flat_refusals_are_contradiction(agent, verdict):
    assert after_complaint(agent, "I was charged a late fee but I paid on time, this is wrong")["no-contradiction"] \
        == verdict


@pytest.mark.parametrize("agent,blame", [
    ("Once it leaves our warehouse it's the carrier's responsibility.", "fail"),
    ("This happens when customers don't check their address at checkout.", "fail"),
    ("It's our responsibility, not the carrier's, and we'll send a new one.", "pass"),
    ("This can happen when the tracking isn't scanned at the depot; I've asked them to check.", "pass"),
])
def test_responsibility_put_elsewhere_is_blame(agent, blame):
    assert after_complaint(agent, "my package never arrived and tracking hasn't moved in a week")[
        "no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # empathy that names their trouble in a clause, a wait said back with what they wait for
    ("That's frustrating when your headphones won't connect to the laptop.", "pass"),
    ("Sorry to hear you've been waiting five days for your headphones.", "pass"),
    # an instruction opening "To <do> your ..., <imperative>" reuses their words without saying them back
    ("To pair your headphones with the laptop, hold the button for 5 seconds.", "fail"),
    ("To confirm, your headphones won't pair with the laptop, is that right?", "pass"),
    ("To confirm your headphones won't pair with the laptop, is that right?", "pass"),
    ("Sorry you're waiting, please DM us.", "fail"),
])
def test_frustration_and_waiting_said_back_are_restatement(agent, verdict):
    got = after_complaint(agent, "my new headphones won't pair with my laptop, been waiting 5 days for a fix")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # "so you're seeing ...": their trouble said back on a call, in the agent's words
    ("alright so you're seeing a charge from a merchant you don't recognise", "pass"),
    ("okay so you're all set, the money is back in your account", "fail"),
    ("okay i see a charge from that store on the fourth", "fail"),
])
def test_so_youre_seeing_is_restatement(agent, verdict):
    got = after_complaint(agent, "yeah hi um there's a charge on my account from a store i've never been to")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a feature the customer asked for called unavailable, with nothing offered, is a flat refusal
    ("Thanks for asking! That feature isn't available in the app at the moment.", "fail"),
    ("Sorting by surname is an option that is not supported on the web version.", "fail"),
    # the same words about an outage being fixed, or with a way to do it instead
    ("That feature isn't available right now while we fix an outage.", "pass"),
    ("That option isn't available yet, but you can sort by date under Settings.", "pass"),
])
def test_a_feature_called_unavailable_with_nothing_offered_is_contradiction(agent, verdict):
    assert after_complaint(agent, "how do I sort my contacts by surname? can't see a way")["no-contradiction"] \
        == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a help link whose path names the very error code the customer hit is a troubleshooting article
    ("Here you go: https://support.example.com/s/article/XB-40213-2?lang=en", "pass"),
    ("This one: https://help.example.com/errors/error-ce-1006/", "pass"),
    # a help site with no topic is not
    ("Here you go: https://support.example.com/s/", "fail"),
])
def test_link_naming_the_error_code_is_a_remedy(agent, verdict):
    assert after_complaint(agent, "the console shows error XB-40213-2 every time I start a game")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a checking question in the past tense plays their point back as much as the present one
    ("Were you trying to move your playlists to the new phone?", "pass"),
    ("Did you mean the playlists on your new phone won't sync?", "pass"),
    ("Were you able to restart it?", "fail"),
])
def test_past_tense_checking_question_is_restatement(agent, verdict):
    got = after_complaint(agent, "my playlists won't sync to my new phone")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # the customer's account of their case disputed with the records, or told they were told
    ("Our records show the replacement was delivered and signed for on Friday.", "fail"),
    ("The tracking confirms it was delivered to the address on file.", "fail"),
    ("You were notified of the price change by email in March.", "fail"),
    ("The cancellation terms were clearly explained before you paid.", "fail"),
    # the same records with a next step or our own error, a notice still to come, or their words said back
    ("Our records show it as delivered, but if it isn't there I'll open a claim right away.", "pass"),
    ("Tracking shows it was left with your neighbour at number 14.", "pass"),
    ("You'll be notified by email as soon as the replacement ships.", "pass"),
    ("You were advised wrongly on the phone, I'm sorry. The fee is removed.", "pass"),
    ("So the replacement you were told would come Friday never turned up?", "pass"),
])
def test_records_and_notices_that_dispute_the_customer_are_contradiction(agent, verdict):
    got = after_complaint(agent, "the replacement you promised never came and now I've been charged for it")
    assert got["no-contradiction"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # -- requests and wishes are not failures --
    # a request for help doing something to their own account, with nothing gone wrong, is a request
    ("pretty please help me close my account", False),
    ("I need help with updating the email on my account", False),
    ("can you help me merge my two accounts?", False),
    # help to get back what is lost, or a request next to a failure, is still a problem
    ("please help me get my account back", True),
    ("I need help with my account, someone changed the email", True),
    ("please help me delete my account, it keeps charging me after I cancelled", True),
    # "come on" urging a wish is a request; "come on" at a failure is displeasure
    ("come on, bring back the old theme for me!", False),
    ("come on, that's the third late delivery this month", True),
    # a risk declined is a choice: "can't take the risk" asks how to cancel, it reports nothing broken
    ("we booked for June but can't take the risk with grandad's health, how do we get a voucher?", False),
    ("the terminal can't take card payments since this morning", True),
    # -- fees, deliveries and things gone --
    # a fee or charge asked about with the customer's own account in it is a dispute, question or not
    ("why is there a £12 charge on my statement? i never went overdrawn", True),
    ("why did i get a late fee, i paid on the 3rd", True),
    ("why is there a fee for paying by card? just curious", False),
    # delivered on paper, nothing at the door
    ("tracking says delivered, doorstep is empty", True),
    ("tracking says delivered, will the driver ring the bell?", False),
    # something of theirs "just gone", but not "gone through" steps or "gone up" the stairs
    ("all my saved playlists are just gone??", True),
    ("i have just gone through the setup guide, which plan should i pick?", False),
    # -- mail in spam --
    # mail that lands in spam is a failure whatever the verb before it
    ("invoices from my accountant keep landing in junk", True),
    ("replies from the school go straight to spam", True),
    ("how do i report a spam email?", False),
    # -- word classes the negation cue cannot see --
    # terse reports whose failure sits in a word class the negation cue cannot see
    ("the latest patch wiped all my custom keybinds", True),
    ("how do i wipe my tablet before i sell it?", False),
    ("wifi stops working every night at about 11", True),
    ("my work laptop stops working in september when the contract ends, can i keep the files?", False),
    ("product key says already in use but this is my only pc", True),
    ("the exported video shows 0 bytes", True),
    ("the cashback went to a card i closed last year", True),
    ("voice is 2 seconds behind the picture on every channel", True),
    ("we're running 10 minutes behind, can we still check in?", False),
    # -- statuses, swaps, paying and cancelling; other languages --
    # a status that should have moved on, a swap, paying for more and getting less, money taken after cancelling
    ("warranty claim sent in april and it's still 'in progress'", True),
    ("reserved a double room, got a twin with a broken lamp", True),
    ("reserved a double room, got a lovely upgrade, thank you!", False),
    ("paid for the ad-free plan, still seeing ads before every video", True),
    ("paid for the ad-free plan, it's worth it", False),
    ("unsubscribed in may and you still billed me in june", True),
    ("if i unsubscribe now will i be billed for june?", False),
    # a status said to be done, then the contrary
    ("payment shows successful but the order was never placed", True),
    # other languages: broken, blocked, nobody answering
    ("la pantalla llegó rota", True),
    ("mon compte est bloqué depuis ce matin", True),
    ("mein Konto ist gesperrt", True),
])
def test_requests_and_terse_failures_of_round_seven(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,blame", [
    # "that's on <a third party>" puts the fault with them
    ("That's on the store where you bought the gift card.", "fail"),
    ("That's on the reseller you paid, we can't see their orders.", "fail"),
    # on us, or on its way, is not
    ("That's on us, sorry! The refund is on its way.", "pass"),
    ("It's on the way with the courier now.", "pass"),
])
def test_thats_on_a_third_party_is_blame(agent, blame):
    assert after_complaint(agent, "I was charged twice for one order")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # speech transcripts carry no "?": a caption cue that opens with "what happened" is still a question
    ("what happened to the card", "pass"),
    ("okay so how did that happen", "pass"),
    ("oh no i'm sorry to hear that what went wrong", "pass"),
    # and so does one that opens with any other open form
    ("right what happens when you use the card at the till", "pass"),
    ("can you tell me in your own words what happened", "pass"),
    ("what would you like us to do to put it right", "pass"),
    ("okay how long has it been like that", "pass"),
    # a datum asked in the same shape, or a greeting, is not open
    ("okay can you tell me your account number", "fail"),
    ("how can i help you today", "fail"),
    ("would you like the new card sent to your home address", "fail"),
    # a statement about what happened is not, nor is a punctuated sentence that is no question
    ("we will look into what happened", "fail"),
    ("What happened is that the card expired.", "fail"),
    ("i'm sorry about what happened", "fail"),
])
def test_unpunctuated_spoken_open_question(agent, verdict):
    assert after_complaint(agent, "i lost my credit card")["open-question"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # "I understand you're <their problem>" plays it back, as "I hear that you're …" does
    ("i understand you're locked out of your account", "pass"),
    ("I understand you have been locked out since the update.", "pass"),
    # how they feel is not their point
    ("I understand you're frustrated. Please reset your password from the login page.", "fail"),
])
def test_i_understand_youre_restates(agent, verdict):
    assert after_complaint(agent, "i'm locked out of my account")["restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # staff who brushed the customer off
    ("the lady at the counter rolled her eyes at me when i asked about my prescription", True),
    ("your driver told me to deal with it myself and drove off", True),
    # a promise quoted back, a gadget that "thinks" wrongly, an elided failure, a thing gone, empty
    ("\"30 minute delivery\" you said. it's been 90", True),
    ("my thermostat apparently thinks it's 30 degrees in here", True),
    ("we got to the hotel at 9pm, our reservation apparently didn't.", True),
    ("where have all my saved recipes gone??", True),
    ("opened the box and it was completely empty", True),
    # nobody anywhere can help, throttling, a bill against the last one, the last N minutes
    ("three weeks and no garage has the replacement mirror", True),
    ("you throttle my speed every evening at 7", True),
    ("my gas bill is double than last winter's and we've been away", True),
    ("sat on your chat queue for the last 45 minutes", True),
    ("me cobran una cuota que nunca contraté", True),
    ("paket zugestellt aber nirgends zu finden", True),
    # look-alikes: kept/keeps without a repeated failure, a plain comparison, a plain quote
    ("can I keep my bike kept in the garage on the home cover?", False),
    ("thanks for keeping me updated on the new branch", False),
    ("is the new model better than last year's?", False),
    ("where can I go to pick up my order?", False),
])
def test_terse_failures_of_round_eight(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("customer,problem", [
    # waiting "for N hours now"; what they were told would happen; no record of a booking
    ("no heating for 3 days now and it's freezing", True),
    ("we were told the engineer would come before noon", True),
    ("checked in at the desk and there's no reservation under my name", True),
    # brown water; the wrong size or item; food gone off; a power cut; unplayable; changed without telling
    ("the water from our bathroom tap has gone a murky yellow", True),
    ("I ordered a double duvet cover and it came as a single", True),
    ("the milk in my order tasted off", True),
    ("had to throw the whole cake away, it was squashed", True),
    ("third power cut this week on our estate", True),
    ("the new update made the game unplayable on my tablet", True),
    ("you moved my appointment to friday without asking me", True),
    # look-alikes
    ("will I be told when the engineer is on the way?", False),
    ("can I book for 2 hours now and extend later?", False),
])
def test_failures_in_a_second_battery_of_round_eight(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,blame", [
    # the fault placed with someone else: "the delay is with", "it'll be your router", "chase them", "go to them"
    ("The transfer left us on time, so the hold-up is with the receiving bank.", "fail"),
    ("That will be your wifi dropping out, which we can't do anything about.", "fail"),
    ("The prescription comes from the surgery, so you'll need to chase them.", "fail"),
    ("Complaints about the station would have to go to them.", "fail"),
    ("That's not something we're responsible for.", "fail"),
    # helping, or chasing it ourselves, is not
    ("It will be your router settings: try restarting it and the camera should reconnect.", "pass"),
    ("I'll chase them for you today and come back to you by 5pm.", "pass"),
    ("You don't need to chase anything, I've refunded the missing items.", "pass"),
])
def test_fault_placed_elsewhere_is_blame(agent, blame):
    assert after_complaint(agent, "my transfer still hasn't arrived")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # disputing the customer's own account: they must have deleted it, things don't just vanish, it's not that bad,
    # no fault on our side, the photo proves it, not enough funds, it wasn't actually so
    ("Photos don't just vanish, you must have deleted them on another device.", "fail"),
    ("Honestly it's not as bad as it looks, give it a day.", "fail"),
    ("We've checked and there's no fault on our side.", "fail"),
    ("The courier's photo shows it was left on your doorstep.", "fail"),
    ("The payment failed because there weren't enough funds in the account.", "fail"),
    ("The order wasn't actually cancelled, it's still showing as active.", "fail"),
    ("This won't be covered.", "fail"),
    # a restating question, a conditional, or an apology with it is not
    ("So the order was never actually cancelled on your side?", "pass"),
    ("If there aren't enough funds at the time, the payment will retry the next day.", "pass"),
    ("So sorry, the refund wasn't actually sent, I've resent it now.", "pass"),
])
def test_disputes_of_the_customers_account_are_contradiction(agent, verdict):
    assert after_complaint(agent, "my photos are gone and my payment bounced")["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # the case handed to someone who will act, the thing found, an article that walks through the fix, a choice
    ("I've asked the warehouse team to send the missing part today.", "pass"),
    ("Good news: we've located your suitcase in Madrid and it's on the 4pm flight.", "pass"),
    ("This guide walks through re-pairing the remote: example.com/help/remote-pairing", "pass"),
    ("Let us know if you'd like a refund or a replacement and we'll sort it straight away.", "pass"),
    ("We'll raise a fault on your line so an engineer can test it.", "pass"),
    ("Our driver team will contact the customer for you on your behalf.", "pass"),
    # feedback passed on is not a remedy
    ("I've passed your feedback to the product team.", "fail"),
])
def test_hand_overs_and_choices_are_remedies(agent, verdict):
    assert after_complaint(agent, "my order arrived with a part missing")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a named person or team who will act, money that takes days to show, a fix on its way, an estimated time,
    # arrival on a date, and the same in Spanish, French and Portuguese
    ("An engineer will call round between 8 and 12 tomorrow.", "pass"),
    ("Our billing team will correct the invoice.", "pass"),
    ("The refund went through today and can take 3-5 working days to show on your card.", "pass"),
    ("A fix for the crash is on the way.", "pass"),
    ("The estimated restore time is 6pm.", "pass"),
    ("The replacement parts arrive on the 21st.", "pass"),
    ("Lo revisamos y te avisamos mañana.", "pass"),
    ("Nous ouvrons une réclamation sous 48h.", "pass"),
    ("Vamos reembolsar o valor hoje.", "pass"),
    # the fix alone, with nothing about what happens next, is not
    ("I've refunded the charge.", "fail"),
])
def test_what_happens_next_in_more_shapes(agent, verdict):
    assert after_complaint(agent, "I was charged twice for one order")["follow-up"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a social reply opens with @handles: the lead ("so your …") counts after them and a greeting
    ("@user Hi there, so your order from the Leeds store never turned up?", "pass"),
    ("@user @store_help so your Leeds order didn't arrive?", "pass"),
    # but "thanks for your …" after the handle leads nothing
    ("@user Thanks for your patience with the Leeds order.", "fail"),
    # "you booked/ordered …" plays their account back; a check "just to be sure I follow"
    ("You ordered from the Leeds store on Monday and it never turned up.", "pass"),
    ("Just to be sure I follow, the Leeds order never arrived?", "pass"),
])
def test_restatement_leads_after_handles_and_past_tense(agent, verdict):
    assert after_complaint(agent, "ordered from your leeds store on monday and it never turned up")[
        "restatement"] == verdict


@pytest.mark.parametrize("agent,complaint,verdict", [
    # a check in Spanish, French or German
    ("Entonces te han cobrado la comisión de mantenimiento, ¿correcto?",
     "me cobran la comisión de mantenimiento sin motivo", "pass"),
    ("Si je comprends bien, le colis est marqué livré mais vous ne l'avez pas reçu ?",
     "colis marqué livré mais pas reçu", "pass"),
    ("Verstehe ich richtig: seit dem Update bleibt der Bildschirm schwarz?",
     "seit dem Update ist der Bildschirm schwarz", "pass"),
])
def test_restatement_checks_in_other_languages(agent, complaint, verdict):
    assert after_complaint(agent, complaint)["restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # a third battery's misses: paid for and not there, mail in spam, "since yesterday", got X instead,
    # no booking on arrival, a bare "no parcel.", marked as left somewhere, "my plan includes" against a charge
    ("paid for priority boarding and there was no priority lane at all", True),
    ("my invoices keep landing in my clients' junk", True),
    ("the thermostat app shows offline since last night", True),
    ("ordered the large and got a medium instead??", True),
    ("arrived for our 7pm slot and there was no table for us", True),
    ("driver says delivered. no parcel.", True),
    ("tracking marked it left in a safe place, we don't have one", True),
    ("billed £30 for calls abroad, my contract includes them", True),
    ("falta la mitad del pedido", True),
    ("Rechnung ohne Ankündigung verdoppelt", True),
    # look-alikes
    ("does my plan include calls to France?", False),
    ("do you have a table for 8 on friday?", False),
])
def test_failures_in_a_third_battery_of_round_eight(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # "can't apologise enough" is an apology; regret for the service; French plural
    ("We can't apologise enough for last night.", "pass"),
    ("That's not the service we want anyone to get.", "pass"),
    ("Nous sommes désolés pour ce retard.", "pass"),
    ("Das tut uns leid.", "pass"),
    # an admission with no regret is not (behaviours.md); nor a sorry for our own long reply or a filler
    ("That was our mistake. The fee has been refunded.", "fail"),
    ("Sorry for the long link! The status page is here.", "fail"),
    ("Sorry if this sounds obvious, but is the router switched on?", "fail"),
    ("Sorry, quick one: which app store did you use?", "fail"),
    # a sorry for the long wait is for their experience
    ("Sorry for the long wait on your refund.", "pass"),
])
def test_apology_lines_of_round_eight(agent, verdict):
    assert after_complaint(agent, "my refund still hasn't arrived after 6 weeks")["apology"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    ("Pouvez-vous nous en dire plus sur ce qui s'affiche ?", "pass"),
    ("¿Nos cuentas qué pasa cuando abres la app? Cuéntanos.", "pass"),
    ("Was ist passiert, als Sie die App geöffnet haben?", "pass"),
    # a time or a day is a datum
    ("What time do you need to be there by?", "fail"),
    ("What day did you order?", "fail"),
])
def test_open_questions_of_round_eight(agent, verdict):
    assert after_complaint(agent, "my app crashes every time I open it")["open-question"] == verdict


@pytest.mark.parametrize("agent,blame", [
    # the fault put on someone else's side, "not our issue", raised with the third party
    ("Unfortunately that's an error on the airline's side.", "fail"),
    ("That's not really our issue if you use your own modem.", "fail"),
    ("Any complaint about the fare should be raised with the driver directly.", "fail"),
    # sending our own people is acting, not referring
    ("I'm sending a manager over to speak to them now.", "pass"),
    ("Thanks, I'll send someone to talk to the neighbours in room 12.", "pass"),
])
def test_blame_shapes_from_long_threads(agent, blame):
    assert after_complaint(agent, "the people next door have been shouting all night")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # disputing the customer's account in longer threads
    ("Gems can take 72 hours to sync, so this isn't a missing purchase.", "fail"),
    ("Our fruit is checked before it leaves the store, so mould isn't a recurring problem.", "fail"),
    ("It looks like you may have missed the knock.", "fail"),
    ("The driver's GPS places them at your address at 2:14pm.", "fail"),
    ("Yes you did, it was requested through the app in March.", "fail"),
    ("Our servers are running normally, so the problem is with your connection.", "fail"),
    # look-alikes
    ("No, nothing further will be charged.", "pass"),
    ("Yes you did everything right, the refund is on its way.", "pass"),
    ("Our servers are running normally again now, sorry for the outage.", "pass"),
])
def test_contradiction_shapes_from_long_threads(agent, verdict):
    assert after_complaint(agent, "I never got my gems and I didn't request that change")["no-contradiction"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # from longer threads: a bill that "shows X but", noise at night, a payment I didn't make, a frozen screen
    ("my last statement shows two payments but I only made one", True),
    ("there's a really loud party in the room above and it's 2am", True),
    ("got a text about a payment of 300 to a shop and i didn't make it", True),
    ("the screen froze again", True),
    # asking to freeze something is a request
    ("can i freeze my membership while i'm travelling?", False),
    ("I'd like to freeze my card for a week", False),
])
def test_problems_from_longer_threads(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # a menu path is a step; renting or posting out a part is a remedy
    ("Go to Settings > Battery and turn off Optimised Charging.", "pass"),
    ("You can rent our router for $8 a month.", "pass"),
    ("I'll post a new cable out to you today.", "pass"),
    ("Thanks for letting us know, we will post about it on the forum.", "fail"),
])
def test_remedies_from_longer_threads(agent, verdict):
    assert after_complaint(agent, "my phone stops charging at 80%")["solution-offered"] == verdict


def test_spoken_open_question_after_a_filler():
    assert after_complaint("good what happened right before it stopped", "my car just broke down on the motorway")[
        "open-question"] == "pass"


@pytest.mark.parametrize("customer,problem", [
    # sarcasm with a photo, and the company named as refusing
    ("apparently this is how @shipco delivers parcels now link", True),
    ("so this is how you treat people who paid for next day", True),
    ("@gymchain rejected my cancellation even though I moved house", True),
    # telling how one fixed it, or a neutral mention of a handle, is not a complaint
    ("so this is how I set up the new speaker, easy", False),
    ("okay so this is how you reset it, thanks", False),
    ("@gymchain opens a new branch near me next week, can I transfer?", False),
    # a phishing report is about someone else, unless the company refused or ignored it
    ("a phishing page is hosted on your servers and you refused my abuse report", True),
    ("there is a phishing page using your logo, please take it down", False),
])
def test_sarcasm_and_refusals_by_the_company_are_complaints(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # correcting the customer's own account of their plan, and "as already given to you"
    ("The basic plan doesn't include two profiles, it only includes one.", "fail"),
    ("Here's the page again, going by the information previously provided to you.", "fail"),
    # reassurance about what a step does, and the customer's own earlier details, are not disputes
    ("Sorry about that! The reset doesn't delete anything, it only clears the cache.", "pass"),
    ("Thanks, based on the details you previously provided I've raised a refund.", "pass"),
])
def test_corrections_and_already_told_you_are_contradiction(agent, verdict):
    assert after_complaint(agent, "my plan has two profiles and the second one stopped working")[
        "no-contradiction"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # an invitation to tell more stays open when the same sentence also promises to help
    ("Send us more details about what's happening and we'll see what we can do.", "pass"),
    ("Sorry about that. Let us know what we can do to help.", "fail"),
])
def test_invitation_to_tell_more_beside_an_offer_of_help(agent, verdict):
    assert after_complaint(agent, "the app stopped playing videos on my TV yesterday")["open-question"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # where to look something up, and news promised if things change, fix nothing
    ("Who's the courier on your order? You can find that information here: https://shop.example.com/orders", "fail"),
    ("If anything changes, we'll keep you posted on our site.", "fail"),
    # tips to find and a change we make are remedies
    ("You can find troubleshooting tips here: https://help.example.com/kb/4410-router-drops", "pass"),
    ("We'll change your booking to the earlier train today.", "pass"),
])
def test_pointers_and_news_if_things_change_are_not_remedies(agent, verdict):
    assert after_complaint(agent, "my parcel never came and the router keeps dropping")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a topic line that names the customer's failure in their words, and an error "you are encountering"
    ("Thanks for the tag. About your comments not showing, make sure the app is updated.", "pass"),
    ("Regarding the comments not appearing, please clear the app's cache.", "pass"),
    ("Apologies for the wait. For the sync error that you are encountering, follow the guide here.", "pass"),
    # a topic line with no failure, or a failure in other words, restates nothing
    ("About your channel, it looks great. Please clear the app's cache.", "fail"),
    ("Regarding the app not opening, please clear its cache.", "fail"),
])
def test_topic_lines_and_errors_you_are_encountering_restate(agent, verdict):
    assert after_complaint(agent, "my comments aren't showing on my channel and the game won't sync")[
        "restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # a judgement on the company's product or rule is displeasure
    ("the app caps favourites at 100 (which is silly), please let me archive old ones", True),
    ("this new rule about two logins is dumb", True),
    # about oneself, or the question asked
    ("sorry if this is a silly question, how do I export my playlists?", False),
    ("I feel so stupid, how do I change my display name?", False),
    ("this might sound dumb but where do I find my invoices?", False),
])
def test_calling_the_product_silly_is_displeasure(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # praise for a suggestion, and the opening @handles both turns share, restate nothing
    ("@user @Shopco Hi there, this sounds like a great suggestion! Please submit it on our ideas board.", "fail"),
    ("@user @Shopco Thanks for the tag. Please submit it on our ideas board.", "fail"),
    # the customer's own point played back still counts
    ("@user @Shopco So the favourites list stops at 100 and you'd like to archive old ones, is that right?", "pass"),
])
def test_praise_and_opening_handles_are_not_restatement(agent, verdict):
    assert after_complaint(agent, "@Shopco the favourites list stops at 100, which is silly. Let me archive old ones")[
        "restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # calling the customer's worry misinformation dismisses it
    ("We appreciate your concern. Unfortunately there is a lot of misinformation circulating.", "fail"),
    ("There are rumours going around about this, but our service is unaffected.", "fail"),
    # looking into the reports takes the worry seriously
    ("Thanks for flagging this, we're looking into the reports now.", "pass"),
])
def test_misinformation_going_around_dismisses_the_customer(agent, verdict):
    assert after_complaint(agent, "are you going to fix this security hole everyone is talking about?")[
        "no-contradiction"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # a thing of theirs blocked, restricted or flagged (but what they blocked themselves is a how-to)
    ("my card got blocked while abroad", True),
    ("account restricted again after i verified it", True),
    ("how do I unblock a sender I blocked by mistake", False),
    # a device that does not respond, a key that sticks, a passenger bumped off a flight
    ("tablet unresponsive in the top corners", True),
    ("space bar sticking on a laptop bought in may", True),
    ("we are sticking with you for another year, great shows", False),
    ("got bumped off my flight to Oslo", True),
    ("my son got bumped up to the next rank, he's thrilled", False),
    # lag as a noun; asking how to reduce it is a how-to
    ("the lag is unreal tonight", True),
    ("how do I reduce input lag on my monitor", False),
    # a payment they do not know, a fee charged all the same, a balance at nothing
    ("unrecognised transaction on my statement from yesterday", True),
    ("weird charge on my card from a shop i've never heard of", True),
    ("driver cancelled twice and i still got a cancellation fee", True),
    ("if i cancel my plan today will i still be charged a fee?", False),
    ("if my flight gets cancelled will i get a refund?", False),
    ("voucher balance zero, it was £25 on monday", True),
    # a recurrence said any way: "every single time", "each time"
    ("the film stops at the same scene every single time", True),
])
def test_problem_raised_on_fault_states_and_unknown_payments(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # what has been done, or will be, to the customer's thing, said in the passive
    ("Your bag has been located and it'll be delivered to your address tomorrow.", "pass"),
    ("The refund has now been processed and should reach your card in 3-5 days.", "pass"),
    ("Your card will be unblocked within the hour.", "pass"),
    # the same words saying it won't, or only if
    ("Your card can't be unblocked over Twitter, sorry.", "fail"),
    ("We'll let you know if it has been located.", "fail"),
    # the terms, or a policy, explain; they do not fix
    ("Fees are applied on your end of day balance. Please check the T&Cs on our website.", "fail"),
])
def test_done_in_the_passive_is_a_remedy_and_terms_are_a_pointer(agent, verdict):
    assert after_complaint(agent, "my card was blocked and my bag never arrived")["solution-offered"] == verdict


def test_a_lead_so_after_an_acknowledgement_is_a_restatement_cue():
    complaint = "@GameCo I keep getting an error when I try to download the new update"
    said_back = "@user Got it, so the new update stops halfway through the download on your console."
    assert after_complaint(said_back, complaint)["restatement"] == "pass"
    # the same words with no lead: an explanation, not their point said back
    assert after_complaint(said_back.replace(", so", "."), complaint)["restatement"] == "fail"


@pytest.mark.parametrize("agent,blame,contradiction", [
    # "works for me" disputes what they report; "so it must be on your side" puts the fault with them
    ("It's working fine for me, so it must be something on your side.", "fail", "fail"),
    ("I've checked and the page loads fine on our end.", "pass", "fail"),
    # the customer's end named while helping them test it is troubleshooting, and "fine now" is a fix
    ("It may be on your end, could you try restarting the router?", "pass", "pass"),
    ("It's loading fine for us now that the fix is out, could you try again?", "pass", "pass"),
])
def test_works_for_me_disputes_and_your_side_blames(agent, blame, contradiction):
    got = after_complaint(agent, "the page won't load at all, I keep getting a timeout")
    assert (got["no-blame-shifting"], got["no-contradiction"]) == (blame, contradiction)


@pytest.mark.parametrize("agent,verdict", [
    # a case handed to the team that will act, and a payment put right with a re- verb
    ("I can't see a reason for that charge either, so I've raised it with billing to reverse it.", "pass"),
    ("No, you don't need to pay again. I've reapplied the payment.", "pass"),
    # feedback noted is not a remedy
    ("We've passed your feedback on to the team.", "fail"),
])
def test_raised_with_billing_and_reapplied_are_remedies(agent, verdict):
    assert after_complaint(agent, "I was charged twice for my plan this month")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,solution,open_question", [
    # asking about the steps they took, or what they want done, offers nothing yet
    ("Could you walk me through the steps you took?", "fail", "pass"),
    ("What would you like us to do?", "fail", "pass"),
    # steps offered, and an offer to act, still are remedies
    ("These steps should get you back online: https://help.example.com/articles/reset-your-router", "pass", "fail"),
    ("Would you like us to send a replacement?", "pass", "fail"),
    # an either/or question asks for a datum; a choice of remedy stays open
    ("How are you connecting, wifi or cable?", "fail", "fail"),
    ("Which would you prefer, a refund or a replacement?", "pass", "pass"),
])
def test_their_steps_and_either_or_questions(agent, solution, open_question):
    got = after_complaint(agent, "my internet keeps dropping out every evening")
    assert (got["solution-offered"], got["open-question"]) == (solution, open_question)


@pytest.mark.parametrize("customer,agent,verdict", [
    # a lead cue counts only where a playback starts: after handles, a marker and fillers, not mid-sentence
    ("the resort charged me a fee nobody told me about for my April stay",
     "I have your booking for 4 nights, April 3 to April 7, at the Palmera Beach Resort.", "fail"),
    ("why is there a late fee on my gas bill? I always pay on time",
     "Since your account has no late payments on file, I can waive the late fee on the bill.", "fail"),
    ("my dog came back clipped right down to the skin and I'm so upset, I asked for a tidy with the length left on",
     "[crosstalk] So you asked for a tidy with the length left on, and she came back clipped down?", "pass"),
    # "so" then the agent's own doing narrates
    ("i lost my credit card can you send me a replacement card",
     "okay so i have ordered your replacement credit card and it will arrive in three to five business days",
     "fail"),
    # a card number read back digit by digit is a datum, not their point
    ("my card four one two two eight eight zero one got declined at the store",
     "okay that's four one two two eight eight zero one", "fail"),
    # regret with the verb contracted names their trouble
    ("my flight to Dublin on the 9th has been cancelled, got an email at 2am",
     "Sorry to hear your flight's been cancelled.", "pass"),
])
def test_lead_cues_start_a_playback_and_digits_read_back_are_data(customer, agent, verdict):
    assert after_complaint(agent, customer)["restatement"] == verdict


@pytest.mark.parametrize("agent,blame,contradiction", [
    # spoken-style dismissals: the product cleared, the readings "don't lie", the map says it is fine
    ("It's not an app issue.", "pass", "fail"),
    ("well the meter readings don't lie the meter recorded it so it was used", "pass", "fail"),
    ("we show full coverage at your address so the network should be fine there", "pass", "fail"),
    # the fault put on their device, or on a maker they must chase themselves
    ("The crashes are most likely caused by something on your device.", "fail", "pass"),
    ("that's a manufacturer issue you'd have to contact them", "fail", "pass"),
    # the same words while putting it right are not
    ("It's not a network issue, we've found a fault on your SIM and I'm sending a new one today.", "pass", "pass"),
    ("It could be down to your router settings, could you try restarting it?", "pass", "pass"),
    ("It should be fine now that we've reset the line.", "pass", "pass"),
    ("That's not a problem at all, I'll sort it.", "pass", "pass"),
])
def test_spoken_dismissals_and_faults_put_on_their_device(agent, blame, contradiction):
    got = after_complaint(agent, "the app keeps crashing, my bill is double and my phone has no signal")
    assert (got["no-blame-shifting"], got["no-contradiction"]) == (blame, contradiction)


def test_a_payment_arrangement_is_a_remedy():
    assert after_complaint("i can set you up on a payment arrangement split over three months",
                           "my bill is double what it normally is")["solution-offered"] == "pass"


@pytest.mark.parametrize("agent,verdict", [
    # records looked up, and what the customer has, are not remedies: "I have your booking", "pull up the claim"
    ("May I have your booking reference?", "fail"),
    ("okay let me pull up the claim", "fail"),
    ("I have your credit card details here.", "fail"),
    # a remedy someone else must carry out is not offered
    ("The cancellation was made by the airline, so rebooking has to be handled by them.", "fail"),
    # the remedies themselves still are
    ("I've booked you on the 6pm flight instead.", "pass"),
    ("I have credited your account with £20.", "pass"),
    ("We have rebooked you onto tomorrow's flight.", "pass"),
])
def test_records_looked_up_and_remedies_left_to_others_are_not_offered(agent, verdict):
    assert after_complaint(agent, "my flight was cancelled and I was charged a fee")["solution-offered"] == verdict


@pytest.mark.parametrize("customer,agent,verdict", [
    # regret, then their trouble in any past tense, or under its own name ("AV218"), restates it
    ("2nd time this month my order turns up missing stuff and stone cold",
     "I'm really sorry your order arrived incomplete and cold again.", "pass"),
    ("flight AV218 to Dublin cancelled 40 mins before boarding, queue is 200 people long",
     "I'm sorry AV218 was cancelled at such short notice.", "pass"),
    # "the last thing you needed", "you took a day off": their situation said back
    ("room 412 is right next to the lift, banging all night before my interview",
     "A night of lift noise before a big day is the last thing you needed.", "pass"),
    ("took the day off work for your engineer and nobody turned up",
     "You took a day off and the engineer didn't show, that's not acceptable.", "pass"),
    # an apology for ourselves is not their point
    ("my order turns up missing stuff and stone cold", "Sorry We were so busy tonight.", "fail"),
])
def test_regret_then_their_trouble_in_any_tense_restates(customer, agent, verdict):
    assert after_complaint(agent, customer)["restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # the wrong thing delivered, and a battery swelling, are problems
    ("I ordered the duvet cover in King / Sage and what arrived is a Queen in Oatmeal. Not what I ordered.", True),
    ("my N7 battery is swelling and the screen is lifting off. is this even safe??", True),
    ("does the battery in the N7 hold up over two years? asking before I buy", False),
])
def test_problem_raised_on_the_wrong_item_and_a_swelling_battery(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,blame,contradiction", [
    # the fault put on a provider "rather than" us, a delay "with them", "that one's on you"
    ("This timeout is caused by our data provider's query limits rather than by Tabula itself.", "fail", "pass"),
    ("The parcel hasn't been scanned in, so the delay is with them.", "fail", "pass"),
    ("Surge pricing was shown before you confirmed, so that one's on you.", "fail", "pass"),
    ("The card was blocked because you entered the wrong PIN three times, so this isn't a fault on our side.",
     "fail", "fail"),
    # the agent chasing the third party themselves is not blame
    ("The carrier shows an exception at their depot; I've opened a damage claim with them myself.", "pass", "pass"),
    # their own case disputed, the matter closed, "as advised in my previous email"
    ("We can see your connection has been stable all evening.", "pass", "fail"),
    ("Bans are final and we won't be able to discuss this further.", "pass", "fail"),
    ("As advised in my previous email, your query is with our returns department.", "pass", "fail"),
    ("Hi again, as we mentioned in our last post, your appeal is still under review.", "pass", "fail"),
    ("Like I said, the refund was issued last week.", "pass", "fail"),
    ("Our logs show the password entered was not correct.", "pass", "fail"),
    # stable "now", after a fix, agrees
    ("Your connection has been stable since we reset the line this morning.", "pass", "pass"),
])
def test_faults_put_elsewhere_and_cases_disputed_or_closed(agent, blame, contradiction):
    got = after_complaint(agent, "my internet keeps dropping, my card is blocked and my parcel never came")
    assert (got["no-blame-shifting"], got["no-contradiction"]) == (blame, contradiction)


@pytest.mark.parametrize("agent,verdict", [
    # a refusal of the remedy, a remedy only someone else gives, a dispatch in the past: none offered
    ("Your headphones are outside the 12-month warranty period, so we are unable to offer a repair or replacement.",
     "fail"),
    ("As stated, refunds for airline-initiated cancellations are processed by the airline.", "fail"),
    ("I can see the order still hasn't been delivered, 10 days after it was dispatched.", "fail"),
    # the manager told and asked to act, a replacement dispatched: offered
    ("I've let the hotel manager know and asked them to move you to a quieter room tonight.", "pass"),
    ("We've dispatched a replacement by next-day delivery.", "pass"),
])
def test_remedies_refused_left_to_others_or_past_are_not_offered(agent, verdict):
    assert after_complaint(agent, "the headphones stopped charging, the flight was cancelled and the room is noisy")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # the power shut off on them, and "I don't understand why", report a problem
    ("hi my power got shut off this morning and i paid the bill on monday so i don't understand why", True),
    # a worry "in case" something goes wrong asks ahead
    ("i bought some boots as a gift, how long is the return window in case they don't fit him", False),
])
def test_problem_raised_when_cut_off_and_not_in_case(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,rule,verdict", [
    # "no sir/ma'am" then the records disputes their own account
    ("no ma'am we haven't received any payment from you this month", "no-contradiction", "fail"),
    ("no sir the report says the staining shows it was leaking for a long time", "no-contradiction", "fail"),
    ("no sir you don't need to do anything else, it's all sorted", "no-contradiction", "pass"),
    # "not something you should have to chase" sides with them
    ("that's not something you should have to chase so i'm going to take care of it", "no-blame-shifting", "pass"),
    # a booking confirmed, or a referral, is not their point said back
    ("okay you're booked for tuesday the fourteenth at ten forty with doctor patel", "restatement", "fail"),
    ("so that's between you and your insurance company that's their decision you'll need to call them",
     "restatement", "fail"),
    # a policy limit on credits, and the refund they still haven't seen, offer nothing
    ("credits are only for outages over seventy two hours", "solution-offered", "fail"),
    ("okay so you sent it back on the twelfth and you still haven't seen the refund", "solution-offered", "fail"),
])
def test_spoken_disputes_confirmations_and_limits(agent, rule, verdict):
    complaint = ("i paid the bill on monday and my power got shut off, my refund never came, the mri bill is wrong "
                 "and the booking site keeps saying no availability")
    assert after_complaint(agent, complaint)[rule] == verdict


@pytest.mark.parametrize("agent,blame,contradiction", [
    # a third party that "handles all refunds", a colleague who "shouldn't have promised", no say in it
    ("Apple handles all billing and refunds, so it's not something we're able to look at.", "fail", "pass"),
    ("Whoever you spoke to shouldn't have promised that.", "fail", "pass"),
    ("these reviews are required by the regulator, we don't have any say over how long it takes", "fail", "pass"),
    # our own team handling refunds is a referral, not blame
    ("Our billing team handles all refunds, so I'll pass this to them now.", "pass", "pass"),
    # a fee called non-refundable with nothing offered, "it is what it is", normal behaviour, the machine
    # that "doesn't lie", the servers all up, no credit on file so nothing applied
    ("Seat fees are non-refundable.", "pass", "fail"),
    ("you'll just have to wait for the review to finish. it is what it is", "pass", "fail"),
    ("That's normal behaviour, it's a security feature.", "pass", "fail"),
    ("the printer's saying it's not genuine, so. the printer doesn't lie", "pass", "fail"),
    ("no, the servers are all up, so it's nothing our end", "pass", "fail"),
    ("There's no credit on file, so I'm not able to apply one.", "pass", "fail"),
    # non-refundable but something offered instead, servers back up after a fix: not dismissals
    ("The ticket is non-refundable, but we can offer you travel funds instead.", "pass", "pass"),
    ("The servers are all up again now, sorry for the disruption.", "pass", "pass"),
])
def test_third_parties_that_handle_it_and_cases_closed_as_normal(agent, blame, contradiction):
    got = after_complaint(agent, "my seat was changed, my bill went up and the app logged me out, this is ridiculous")
    assert (got["no-blame-shifting"], got["no-contradiction"]) == (blame, contradiction)


@pytest.mark.parametrize("agent,verdict", [
    # "non-refundable", "we don't set them manually", someone else walking them through: nothing offered
    ("Seat fees are non-refundable.", "fail"),
    ("renewal prices are generated by the system, we don't set them manually", "fail"),
    ("your isp can walk you through it, it's on their side", "fail"),
    ("I'll walk you through resetting it now.", "pass"),
])
def test_non_refundable_and_others_walking_them_through_offer_nothing(agent, verdict):
    complaint = "my seat was changed without asking and my renewal went up 40%, I'm furious"
    assert after_complaint(agent, complaint)["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # work under way on our side, with a time, is a remedy
    ("We've got engineers working on a mast fault in your area and expect service back by 6pm tomorrow.", "pass"),
    ("There's a burst main on Church Road and our crews are on site now.", "pass"),
    ("Our team is aware of the export crash in 6.4.1 and a fix is being tested now.", "pass"),
    ("Please DM us and we'll get that looked into for you.", "pass"),
    ("Call the number on the back of your card and our fraud team will be able to release any blocks.", "pass"),
    # an instruction after a question in the same turn
    ("Have you tried power cycling the hub? Unplug it for 30 seconds and plug it back in.", "pass"),
    # being aware, with nothing under way, is not
    ("We're aware of reports of slow speeds in some areas.", "fail"),
])
def test_work_under_way_and_instructions_after_a_question_are_remedies(agent, verdict):
    assert after_complaint(agent, "no signal, the app crashes on export and my card is blocked, furious")[
        "solution-offered"] == verdict


def test_sorry_for_the_wait_on_your_thing_restates_it():
    assert after_complaint("Sorry for the wait on your refund, I've processed it now.",
                           "returned the sofa cushions 3 weeks ago and still no refund")["restatement"] == "pass"


@pytest.mark.parametrize("customer,problem", [
    # a person's own plan or duty is not an unmet expectation; a thing that was "supposed to" happen is
    ("I'm supposed to start my new job on Monday, can I move my delivery slot to the weekend?", False),
    ("Where am I supposed to go to send feedback about the new menu?", False),
    ("My parcel was supposed to arrive on Tuesday.", True),
    ("I was supposed to get a call back yesterday and nobody rang.", True),
    # what would happen under a plan is no report of what did
    ("Can I leave the group chat? If I just delete it, the messages would be deleted for everyone.", False),
    ("All my messages were deleted overnight.", True),
])
def test_plans_and_conditionals_are_not_problems(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # a link to the form that opens a ticket is the ticket itself, even worded as "contact us"
    ("Sorry for the wait. You can still contact us here: https://help.example.com/hc/en-us/requests/new", "pass"),
    # "contact us" with a general page and no one committed to act stays a referral
    ("If it still hasn't arrived after that, please contact us for support: https://help.example.com/categories",
     "fail"),
])
def test_contact_link_to_a_ticket_form_is_a_remedy(agent, verdict):
    assert after_complaint(agent, "my webinar keeps turning people away and I've been in your queue for an hour")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # help asked for a change they want, however far the change sits from "need help with": a request
    ("i need help with my account can you guys change my email please", False),
    ("I need help with my order, could you add gift wrap to it?", False),
    # help with something that went wrong is still a problem
    ("i need help with my account, it got hacked and the email was changed", True),
])
def test_help_with_a_change_they_want_is_a_request(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # the customer shown how to report it fixes nothing for them
    ("Thanks for letting us know! You can report this by following the steps here: "
     "https://help.example.com/articles/how-do-i-report-a-wrong-track-listing", "fail"),
    # a report that sets a remedy going is one
    ("Please report it stolen in the app and we'll send a new card straight away.", "pass"),
    # a refund that only another company can give, because it runs the billing
    ("As your subscription is billed through Google Play, you can request a refund from Google using the steps "
     "here: https://help.example.com/answer/7205930", "fail"),
    # our own billing team is us
    ("Your plan is billed through our accounts team, and I've asked them to refund the charge today.", "pass"),
])
def test_a_report_route_or_another_companys_refund_is_no_remedy(agent, verdict):
    assert after_complaint(agent, "I cancelled the trial and was still charged, and two tracks on the album are the "
                                  "same")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # "not available" with a place to suggest it is an answer with something offered, not a flat refusal
    ("This feature is not available in the app at the moment. Please go to our ideas forum and submit your "
     "suggestion or vote for it: https://ideas.example.com/forums/600772", "pass"),
    ("This feature is not available in the app at the moment.", "fail"),
])
def test_a_missing_feature_with_a_place_to_suggest_it_is_no_flat_refusal(agent, verdict):
    assert after_complaint(agent, "why can't I sort my contacts by last name? so annoying")["no-contradiction"] \
        == verdict


@pytest.mark.parametrize("agent,blame", [
    # the matter left to be worked out between the customer and a third party
    ("You can dispute the claim, but the resolution usually needs to be worked out between uploader and claimant.",
     "fail"),
    ("Returns are settled between the buyer and the seller on this marketplace.", "fail"),
    # our own part in it, or a time window, is no blame
    ("This can be worked out between you and us over DM, we'll help.", "pass"),
    ("Deliveries are usually sorted out between 9am and noon.", "pass"),
])
def test_a_matter_left_between_the_customer_and_a_third_party_is_blame(agent, blame):
    assert after_complaint(agent, "my review video was blocked by a claim and the seller won't refund me")[
        "no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # forwarding the scam message to the address that deals with it is something to do
    ("This is not from us. Please do not respond and forward the messages in an email to reportphish@example.com.",
     "pass"),
    ("This is not from us.", "fail"),
])
def test_forwarding_to_an_address_is_an_action(agent, verdict):
    assert after_complaint(agent, "I keep getting these texts that say my account is locked")["solution-offered"] \
        == verdict


@pytest.mark.parametrize("customer,problem", [
    # asked, a service being down is a status question; told, or with a failure beside it, a problem
    ("Are online services down for the game on Xbox?", False),
    ("the servers are down again, third time this week", True),
    ("Is the app down? I can't log in at all", True),
])
def test_a_status_question_is_not_a_report(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # the recovery options, with where to find them, are choices offered
    ("All of the available help options will be on our help pages through the Contact Us link on the left: "
     "https://help.example.com/kb/account", "pass"),
    # options named with nowhere to go are not
    ("There are several recovery options available.", "fail"),
])
def test_options_with_a_link_are_offered(agent, verdict):
    assert after_complaint(agent, "WOULD SOMEONE PLEASE HELP ME, I'm trying to recover my kids' accounts and "
                                  "NOTHING WORKS")["solution-offered"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # a card misplaced is a card lost
    ("hi my name is mary smith i misplaced my credit card", True),
    ("hi my name is mary smith i'd like to order a replacement card", False),
])
def test_a_misplaced_card_is_a_lost_one(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # "please follow us" asks for a follow on the platform, not a step of a fix
    ("We'd like to help. Please follow and DM us your full name and postcode.", "fail"),
    ("Please follow the steps in this guide to reset the router: https://help.example.com/kb/router-reset-steps",
     "pass"),
])
def test_please_follow_us_is_no_instruction(agent, verdict):
    assert after_complaint(agent, "my internet keeps dropping every evening")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,blame", [
    # the fault guessed to be on the customer's side, with nothing done about it
    ("There's no known outage in your area, so it may be your device.", "fail"),
    ("It could be your router, nothing we can see here.", "fail"),
    # the same guess with something to try is troubleshooting
    ("It may be your device: try restarting it and reseating the SIM.", "pass"),
])
def test_a_hedged_fault_on_the_customers_side_is_blame(agent, blame):
    assert after_complaint(agent, "no signal at home for 3 days now, paying for nothing")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # the matter closed or the customer told how things "work", with nothing offered
    ("This is the final response on this matter.", "fail"),
    ("That's not quite how it works - the discount only applies to new customers.", "fail"),
    ("I understand, but the policy is clear on this.", "fail"),
    ("We can't comment further on this.", "fail"),
    ("I'm afraid we can't help any further with this.", "fail"),
    ("You were informed of the fee when you signed up.", "fail"),
    ("The item was marked as delivered so we consider the order complete.", "fail"),
    # the same words with a way on, a future notice, or our own mistake put right
    ("We can't comment further on this here, but please DM us and we'll look into it.", "pass"),
    ("I'm afraid we can't help any further on Twitter - please contact our team on 0800 123 456 and they'll "
     "sort it.", "pass"),
    ("You'll be informed when your refund has been processed.", "pass"),
    ("You were informed of the wrong fee when you signed up - I'm sorry, I've refunded it.", "pass"),
    ("Our final decision will be sent to you by email within 5 days.", "pass"),
    ("That's how it works for most customers, but I've made an exception and refunded you.", "pass"),
])
def test_a_matter_closed_with_nothing_offered_is_contradiction(agent, verdict):
    assert after_complaint(agent, "I was charged a fee I never agreed to and the parcel never came. I want my money "
                                  "back")["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,blame", [
    # the matter put with a named company, with the customer's provider, or back where they bought it
    ("We don't control delivery times, that's up to Royal Mail.", "fail"),
    ("That's something your network provider would need to look at.", "fail"),
    ("Please speak to the store where you bought it.", "fail"),
    # it being up to the customer, or us chasing them, is not blame
    ("It's up to you which replacement you'd like, the blue or the black.", "pass"),
    ("I'll get in touch with the seller for you and come back to you today.", "pass"),
])
def test_the_matter_put_with_someone_else_is_blame(agent, blame):
    assert after_complaint(agent, "my order still hasn't arrived and I was charged twice")["no-blame-shifting"] == blame


@pytest.mark.parametrize("customer,problem", [
    # pressing the company to act, or asking whether anyone is there, voices dissatisfaction
    ("are you going to get on this? link", True),
    ("are you going to do anything about this?", True),
    ("hello?? anyone there?", True),
    # asking about plans is not
    ("are you going to open a store in Leeds?", False),
    ("are you going to add dark mode to the app?", False),
])
def test_pressing_the_company_to_act_is_a_problem(customer, problem):
    assert problem_heard(customer) == problem


def test_glad_to_reach_out_is_a_follow_up():
    got = after_complaint("Please share your contact details here: https://help.example.com/hc/en-us/requests/new and "
                          "we'd be glad to reach out and answer your questions.")
    assert got["follow-up"] == "pass"


@pytest.mark.parametrize("agent,blame", [
    # what a third party handles or releases, and "you'll need to contact your <someone else>"
    ("Billing and refunds are handled by Apple. We're unable to issue refunds for App Store purchases.", "fail"),
    ("Refunds for cancelled events are released by the event organiser.", "fail"),
    ("They haven't approved it yet, so you'll need to contact your surgery to chase this.", "fail"),
    # our own team, or the customer's own branch of us, is no third party
    ("Refunds are processed by our finance team and yours is on its way.", "pass"),
    ("You'll need to call your branch to collect the new card, they're expecting you.", "pass"),
])
def test_a_third_party_that_handles_it_is_blame(agent, blame):
    assert after_complaint(agent, "this is the third time and nobody has fixed it, I want a refund")[
        "no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # "can't be processed / accepted / approved" with nothing offered is a flat refusal
    ("The application can't be processed with that document.", "fail"),
    ("The application can't be processed with that document - could you send a bill from the last 3 months "
     "instead?", "pass"),
])
def test_cannot_be_processed_with_nothing_offered_is_a_flat_refusal(agent, verdict):
    assert after_complaint(agent, "you rejected my application again and I sent everything you asked for")[
        "no-contradiction"] == verdict


def test_a_ticket_form_to_share_details_on_is_a_remedy_even_for_more_details():
    got = after_complaint("For more details please share your contact info here: "
                          "https://help.example.com/hc/en-us/requests/new and we'd be glad to reach out.")
    assert got["solution-offered"] == "pass"


def test_more_details_on_an_article_stays_no_remedy():
    got = after_complaint("For more details see https://help.example.com/hc/en-us/articles/360000-how-billing-works")
    assert got["solution-offered"] == "fail"


@pytest.mark.parametrize("agent,verdict", [
    # our own team's number given to take the case: a route to a team that will act on it
    ("We can't assist with mortgage questions here. For customer service, please call 1-800-555-0136 or send a "
     "message using the Secure Message Center.", "pass"),
    ("You can call our Home Lending team at 1-800-555-0199, Monday to Friday, for help.", "pass"),
    # a number with no team to take the case is not
    ("Our number has changed to 1-800-555-0136.", "fail"),
])
def test_our_teams_number_to_take_the_case_is_a_remedy(agent, verdict):
    assert after_complaint(agent, "why have you started charging me an escrow fee after 8 years??")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # work under way with a partner, on the customer's matter: an action and what happens next
    ("Supplies are limited, but we're partnering with distributors to provide what we can in the cities that "
     "need it most.", "pass"),
    ("We're working with the courier to get your parcel back on the road today.", "pass"),
    # a partnership named, with nothing being done for them
    ("We work with many couriers across the country.", "fail"),
])
def test_work_under_way_with_a_partner_is_an_action(agent, verdict):
    got = after_complaint(agent, "where are the cleaning supplies you promised? and my parcel never came")
    assert (got["solution-offered"], got["follow-up"]) == (verdict, verdict)


@pytest.mark.parametrize("agent,verdict", [
    # a question that checks what they meant or were trying to do, in the agent's own words: no word of
    # theirs is needed
    ("Thanks for writing in - were you trying to add a second driver to the policy?", "pass"),
    ("Do you wish to move the renewal date to next month?", "pass"),
    ("Are you, by any chance, referring to the new claims portal?", "pass"),
    # ... but a question that offers a choice asks for a datum
    ("Were you trying to add a second driver on the app or on the website?", "fail"),
    ("Are you trying to pay by card/bank transfer?", "fail"),
    # ... and a statement is not a check, nor is a cue with only general words after it
    ("You were trying to add a second driver to the policy.", "fail"),
    ("Are you trying to use the service?", "fail"),
])
def test_checking_question_in_agent_words_is_restatement(agent, verdict):
    got = after_complaint(agent, "my partner is insured on my car but your site says she can't be covered")
    assert got["restatement"] == verdict


from checks.test_phrase_checks import statuses  # noqa: E402


@pytest.mark.parametrize("pushback,answer,verdict", [
    # the customer disputes what the agent said and the agent holds its position, conceding and offering
    # nothing: it tells them they are wrong
    ("But your leaflet said the gutters were included!", "Gutter cleaning isn't included in the standard visit.",
     "fail"),
    ("I never used the roaming, I was at home all month", "Roaming charges are classed as data used abroad.",
     "fail"),
    ("how is that my fault? the app chose the card", "We're not able to reverse the payment.", "fail"),
    ("but you told me the warranty runs two years", "The warranty doesn't cover accidental damage.", "fail"),
    # ... the same facts with something conceded or offered are no dispute
    ("But your leaflet said the gutters were included!",
     "You're right, the leaflet isn't clear. I'll book the gutters in for free.", "pass"),
    ("I never used the roaming, I was at home all month",
     "Roaming charges are classed as data used abroad, but I can look into the dates for you.", "pass"),
    ("but you told me the warranty runs two years",
     "Sorry for the mix-up. The warranty doesn't cover accidental damage, but you can claim on your home insurance.",
     "pass"),
    # ... and without a push-back before it, a plain fact disputes nothing
    ("ok thanks, I'll wait for the engineer then", "The visit isn't covered by the care plan.", "pass"),
])
def test_holding_the_position_after_a_pushback_is_contradiction(pushback, answer, verdict):
    got = statuses("Customer: the engineer left without fixing the boiler and now I've got a bill\n"
                   "Agent: Sorry to hear that. The call-out fee applies to every visit.\n"
                   f"Customer: {pushback}\nAgent: {answer}")
    assert got["no-contradiction"] == verdict


def test_a_first_answer_is_not_an_answer_to_a_pushback():
    # "but I ..." in the opening complaint pushes back on nothing the agent said
    got = statuses("Customer: but I paid for the repair and it still isn't covered?\n"
                   "Agent: Repairs after 90 days aren't covered by the guarantee.")
    assert got["no-contradiction"] == "pass"
    got = statuses("Customer: the boiler broke again\nAgent: Sorry to hear that, when did it stop?\n"
                   "Customer: but I paid for the repair and it still isn't covered?\n"
                   "Agent: Repairs after 90 days aren't covered by the guarantee.")
    assert got["no-contradiction"] == "fail"


@pytest.mark.parametrize("agent,verdict", [
    # a judgement on their situation, said in their words, plays it back
    ("Missing your street's bins two weeks running isn't good enough.", "pass"),
    ("A missed bin collection two weeks in a row shouldn't have happened.", "pass"),
    # the judgement alone names nothing of theirs
    ("Sorry, that's not good enough.", "fail"),
    ("That shouldn't have happened, we'll look into it.", "fail"),
])
def test_judgement_on_their_situation_is_restatement(agent, verdict):
    got = after_complaint(agent, "the bin men skipped our street again, second week running the bins weren't collected")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # disputes the customer's account wherever it comes
    ("As was explained on the phone, the discount ended in May.", "fail"),
    ("The meter hasn't actually been read since April, so it's an estimate.", "fail"),
    ("Your bill's correct as it stands.", "fail"),
    ("The delivery charge was applied and calculated correctly.", "fail"),
    # ... an admission or a check is none
    ("Sorry, the discount wasn't calculated correctly, I'll fix it.", "pass"),
    ("Let me check whether the delivery charge was calculated correctly.", "pass"),
])
def test_a_disputed_account_is_contradiction(agent, verdict):
    assert after_complaint(agent, "why is my bill £40 more than last month?? nothing changed")["no-contradiction"] \
        == verdict


@pytest.mark.parametrize("answer,verdict", [
    # after a push-back, the position held in other words
    ("The late fee will remain on the account.", "fail"),
    ("Our rules treat a chip-and-PIN payment as yours. We won't be reopening the claim.", "fail"),
    ("Free delivery has never been part of the basic membership.", "fail"),
    # ... the same subject with something done about it is no dispute
    ("The late fee will remain on the account for now, but I'll ask the team to review it.", "pass"),
])
def test_a_position_held_after_pushback_in_other_words(answer, verdict):
    got = statuses("Customer: I was charged a late fee even though I paid on the due date\n"
                   "Agent: Thanks, I can see the fee from 3 March.\n"
                   f"Customer: I definitely paid on time, I have the receipt\nAgent: {answer}")
    assert got["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,blame", [
    # clearing the customer of fault, or saying when the thing will arrive, blames no one
    ("Please don't worry, this isn't your fault at all, our update caused it.", "pass"),
    ("That wasn't your mistake, I'll put it right now.", "pass"),
    ("I've resent the code, you should have it within a minute.", "pass"),
    # ... the customer's fault said outright still is
    ("This is your fault for ignoring the reminder.", "fail"),
    ("You should have checked the dates before booking.", "fail"),
])
def test_clearing_the_customer_is_not_blame(agent, blame):
    assert after_complaint(agent, "I never got my login code and now I'm locked out")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # when the fix is expected, or that it is under way, is what happens next on our side
    ("Engineers are on site and we expect the supply back by 6pm.", "pass"),
    ("We anticipate the line being restored within 24 hours.", "pass"),
    ("A fix is being tested now.", "pass"),
    ("The patch is being rolled out this week.", "pass"),
    # a hope or an expectation without a time is not
    ("We expect this is a local fault.", "fail"),
    ("Hopefully it comes back soon.", "fail"),
])
def test_an_expected_time_or_fix_under_way_is_follow_up(agent, verdict):
    assert after_complaint(agent, "no gas at the flat since this morning, can't even make tea")["follow-up"] == verdict


def test_not_ok_judgement_is_restatement():
    got = after_complaint("Three weeks without your sofa and no call from the driver is not ok.",
                          "my sofa was due three weeks ago and the driver never called")
    assert got["restatement"] == "pass"


@pytest.mark.parametrize("customer,problem", [
    # what came is not what was ordered, a price that is not the one agreed, a thing left behind
    ("the curtains came today and the blue is basically green, nothing like the photos", True),
    ("joined on the £35 broadband offer but my first bill is £52", True),
    ("back from Rome 2 days ago and my suitcase is apparently still at the airport there", True),
    # the idioms of being told too late
    ("my class was moved and the first I heard about it was when I turned up", True),
    ("the pool was shut all week, a heads-up would have been nice", True),
    # ... and their look-alikes
    ("the first I heard of your shop was from my sister, love it", False),
    ("the deal was £30 but you matched it to £25, thank you!", False),
    ("my order is still in the basket, how do I check out?", False),
])
def test_problem_raised_by_mismatch_and_late_news(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,blame", [
    # the fault placed on someone else's side, or guessed to be the customer's doing
    ("The transfer left us yesterday, so at this point it's on the receiving bank's end.", "fail"),
    ("That's the courier's side, you'd need to raise it with them.", "fail"),
    ("You've most likely typed the account number wrong.", "fail"),
    ("You're probably using the old charger.", "fail"),
    # ... not our own side, and not a question or a guess about the cause alone
    ("I've checked and the delay is on our warehouse's side, sorry, I'll chase it now.", "pass"),
    ("It's probably a loose cable, could you check it for me?", "pass"),
])
def test_fault_on_another_side_or_guessed_at_the_customer_is_blame(agent, blame):
    assert after_complaint(agent, "my payment still hasn't reached the other account")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # "Contact us" clicked on a recovery page is a step of the recovery
    ("To see your recovery options, visit https://help.example.com/kb/account-recovery and click on Contact us.",
     "pass"),
    # ... while being sent to contact someone, with no one committed to act, is no remedy
    ("Please contact your bank about this.", "fail"),
    ("Please click Contact us on our website.", "fail"),
])
def test_contact_us_clicked_during_a_recovery_is_a_step(agent, verdict):
    assert after_complaint(agent, "my account was hacked, please help me get it back")["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # reading the record back, or defending a charge, reuses their words without playing their point back
    ("Okay so I'm looking at the order now and the van left the depot on the ninth.", "fail"),
    ("I have your booking for the van hire on the ninth at the Leeds depot.", "fail"),
    ("The van hire charges are correct for a booking on the ninth.", "fail"),
    # ... while a check of their point still counts
    ("So the van hire on the ninth was charged twice, is that right?", "pass"),
])
def test_reading_the_record_back_is_not_restatement(agent, verdict):
    got = after_complaint(agent, "I was charged twice for the van hire on the ninth at your Leeds depot")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # not finding where or how to do something is a how-to; a clean record is no failure
    ("I couldn't find where to update my card in the app.", False),
    ("can't figure out how to add my partner to the plan", False),
    ("I've never missed a payment, could you waive the deposit?", False),
    # ... but a thing of theirs that cannot be found is missing
    ("I can't find my boarding pass anywhere in the app", True),
    ("I've never missed a payment and you still charged me a late fee", True),
    ("the driver missed our street again", True),
])
def test_how_to_find_and_a_clean_record_are_no_problem(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # the agent's claim about what the customer did, or a report of the fix, is not their point said back
    ("The gate only opens with a valid ticket, so you can't have scanned the ticket properly.", "fail"),
    ("The two cancelled tickets have gone back on your account as credit.", "fail"),
    # ... a check of their point is
    ("So both tickets were cancelled and the gate still wouldn't open, is that right?", "pass"),
])
def test_a_claim_about_the_customer_or_a_fix_report_is_not_restatement(agent, verdict):
    got = after_complaint(agent, "both my tickets got cancelled and the gate wouldn't open when I scanned the ticket")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # shapes from a battery of first messages written in the style of 2016-2018 support tweets
    ("no gas in the flat since Friday and it's freezing", True),
    ("bought coins in the game, money's left my bank, coins aren't in my account", True),
    ("the miles from my March flight still aren't on my account", True),
    ("closed my account in May and you're still taking £15 a month", True),
    ("you've put my premium up 40% at renewal, explain?", True),
    ("the battery on my headphones lasts about 20 minutes now", True),
    ("how many times do I have to send the same photo to your team", True),
    ("train sat outside Leeds for an hour, not one announcement", True),
    ("refund still pending after three weeks", True),
    ("le colis n'est toujours pas là", True),
    ("why am I being charged a fee for paper statements?", True),
    ("the hotel cancelled the day before we arrived", True),
    ("the bed was delivered minus the slats", True),
    ("found out from the news that my flight moved, not from you", True),
    ("so what am I paying for exactly", True),
    ("danke für nichts", True),
    # ... and their look-alikes
    ("do you do gas safety checks at weekends?", False),
    ("can I cancel 2 days before the trip?", False),
    ("found out about your app from a friend, love it", False),
    ("my refund's already in my account, thanks for the quick turnaround", False),
])
def test_problem_raised_in_the_shapes_of_other_brands_and_years(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("customer,agent,verdict", [
    # remedies in the shapes of a fresh battery: a menu path, a workaround "instead", a text code, a code to try,
    # an upload step, a claim route beside the report form, something to show the staff
    ("I sent money to the wrong person", "You can cancel it under Activity > Pending > Cancel.", "pass"),
    ("the returns page gives an error",
     "You can skip that page and post them back with this free label instead.", "pass"),
    ("my new SIM isn't working", "Text ACTIVATE to 4455 from any phone and it'll switch on.", "pass"),
    ("the discount code won't work", "Codes are case sensitive, so try SPRING15 in capitals.", "pass"),
    ("my account is limited and I can't withdraw",
     "Upload a photo ID on the resolution page and the team will review it.", "pass"),
    ("my bag didn't arrive", "Please report it online and keep receipts, as you can claim back essentials.", "pass"),
    ("the e-ticket won't load", "The driver can check your booking reference, so just show them your email.", "pass"),
    # ... and what leaves the customer where they were
    ("can't get through on the phone", "Our lines are busy today, please try again later.", "fail"),
    ("printer keeps going offline", "For printer help, head to our support site.", "fail"),
    ("charging port stopped working", "Your phone is out of warranty, so we can't repair it for free.", "fail"),
])
def test_remedy_shapes_from_a_fresh_battery(customer, agent, verdict):
    assert after_complaint(agent, customer)["solution-offered"] == verdict


@pytest.mark.parametrize("customer,problem", [
    ("our room was double booked and we had to wait two hours", True),
    ("my direct debit has gone up to £95 and nothing's changed", True),
    ("the gate scanner won't read my e-ticket", True),
    ("has the price gone up this year?", False),
])
def test_problem_raised_double_booked_prices_up_and_readers(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("customer,problem", [
    # contacting again and again, a dashboard warning, a promised time passed, "nothing has changed"
    ("this is the third time I've called about the same meter", True),
    ("I've emailed you 4 times and heard nothing", True),
    ("hire car has a warning light on since we picked it up", True),
    ("I was told 5-7 working days for the refund, that was a month ago", True),
    ("why is my renewal $400 more when nothing has changed?", True),
    ("mera recharge ho gaya but data nahi aa raha", True),
    ("le technicien n'est pas venu et ma réservation a été annulée sans explication", True),
    # ... and look-alikes
    ("please cancel the add-on, nothing wrong with it, just not using it", False),
    ("broke my personal best on your app today!", False),
    ("going to Spain next week, letting you know so my card doesn't get blocked", False),
])
def test_problem_raised_by_repeats_warnings_and_broken_promises(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,verdict", [
    # the customer's account disputed with records, a test, or a judgement
    ("Our network logs show no faults on your line this week.", "fail"),
    ("The replacement part matches the original exactly.", "fail"),
    ("Speed test sites often give false results.", "fail"),
    ("That sounds like an exaggeration, the product is tested.", "fail"),
    ("A worn strap is normal wear and tear, so it isn't a fault.", "fail"),
    ("The courier's scanner shows they were at your door at 2pm.", "fail"),
    ("There's no cancellation on your account.", "fail"),
    ("The fare stands.", "fail"),
    # refusals with nothing offered
    ("Sale items can't be exchanged.", "fail"),
    ("We don't send out spare parts, sorry.", "fail"),
    ("Sorry, we won't be able to refund a used item.", "fail"),
    # ... and their look-alikes
    ("Our logs show no faults, but I'll book an engineer to check the line anyway.", "pass"),
    ("Let me check whether the part matches exactly.", "pass"),
    ("Wear and tear on the strap is covered, I'll send a new one.", "pass"),
])
def test_disputes_and_refusals_from_a_reply_battery(agent, verdict):
    assert after_complaint(agent, "the strap snapped and the part you sent doesn't fit")["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,blame", [
    ("Since you didn't report it at pick-up, the charge applies.", "fail"),
    ("You'd have needed to wrap it yourself before the move.", "fail"),
    ("You booked through a travel site, and they're the ones who assign rooms.", "fail"),
    ("The router's made by another firm, so that's for them to look at.", "fail"),
    ("The error came from your travel agent.", "fail"),
    ("It's up to the rider to make sure the photo is taken.", "fail"),
    ("Dropped calls are a network issue, so speak to your carrier.", "fail"),
    # ... and their look-alikes
    ("Since you didn't get the email, I'll resend it now.", "pass"),
    ("The error came from our booking system, sorry, I've fixed it.", "pass"),
    ("It's a browser issue we're fixing; try another browser meanwhile.", "pass"),
])
def test_blame_from_a_reply_battery(agent, blame):
    assert after_complaint(agent, "you charged me for damage I didn't cause")["no-blame-shifting"] == blame


@pytest.mark.parametrize("customer,problem", [
    ("internet down across the whole estate since lunch", True),
    ("the tulips turned up wilted", True),
    ("the handle fell off after a week", True),
    ("got a rash after using the new cream", True),
    ("ordered it for Christmas and now it says backordered", True),
    ("the new update removed the sleep timer", True),
    ("paid $40 for a $15 trip", True),
    ("$1200 for this?", True),
    ("you want me to pay for the tyre?", True),
    ("tooth is still really sensitive after the filling", True),
    ("meine Tickets sind nicht mehr in der App", True),
    # ... and look-alikes
    ("can you turn the music down in the gym?", False),
    ("is the website down for maintenance tonight?", False),
    ("started my sourdough from scratch with your flour, love it", False),
])
def test_problem_raised_by_damage_outage_and_overcharge_shapes(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,blame", [
    ("It was up to you to switch auto-renew off before the date.", "fail"),
    ("It's up to you to decide which plan suits you.", "pass"),
    ("It's up to you which replacement you'd like.", "pass"),
])
def test_up_to_you_to_act_is_blame_but_a_choice_is_not(agent, blame):
    assert after_complaint(agent, "you renewed my subscription without asking")["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent,verdict", [
    # checks and judgements that say the customer's point back, in forms from a restatement battery
    ("Just so we're clear: the heating comes on but the radiators upstairs stay cold?", "pass"),
    ("Just to make sure I've got it: the radiators upstairs stay cold when the heating is on?", "pass"),
    ("I can see what you mean: the upstairs radiators stay cold with the heating on.", "pass"),
    ("Cold radiators upstairs all week is far too long.", "pass"),
    ("Lamentamos mucho que los radiadores de arriba sigan fríos.", "pass"),
    # ... a bare check or judgement names nothing of theirs
    ("Just so we're clear, what's your postcode?", "fail"),
    ("I understand. Please DM us your account number.", "fail"),
])
def test_checks_and_judgements_that_say_their_point_back(agent, verdict):
    got = after_complaint(agent, "the radiators upstairs stay cold when the heating is on and it's still not fixed, "
                                 "los radiadores de arriba")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a flat refusal, whatever its grammar, with nothing offered instead
    ("Unfortunately there isn't a way to copy saved games between consoles.", "fail"),
    ("Saved games can't be merged across profiles, sorry about that.", "fail"),
    ("We aren't able to copy saved games between consoles.", "fail"),
    ("That isn't something we're able to do.", "fail"),
    ("Sadly that's not an option.", "fail"),
    ("We have no way to bring back a deleted save.", "fail"),
    ("I'm afraid we can't restore a save once it's gone.", "fail"),
    # ... the same refusal with a route or an alternative is a positive no
    ("We can't restore the save, but we can add the season pass items back for you.", "pass"),
    ("We aren't able to copy saves, you'd need to use the cloud backup in Settings.", "pass"),
    # ... and a refusal scoped to this channel or this agent implies another route
    ("I can't restore saves over Twitter, our console team does it by email.", "pass"),
    ("We can't change that from our side.", "pass"),
    # a how-to with a warning in it refuses nothing
    ("Keep in mind that once deleted, we aren't able to restore the profile. Here's how: link", "pass"),
])
def test_flat_refusal_in_other_words_is_contradiction(agent, verdict):
    got = after_complaint(agent, "my save disappeared after the update, can you get it back??")
    assert got["no-contradiction"] == verdict


def test_an_alternative_in_the_same_reply_makes_a_refusal_positive():
    # one answer split over two caption cues or tweets: the alternative in the second one counts
    base = "Customer: can you send the parcel overnight? I need it by Friday\n"
    refusal = "Agent: unfortunately we can't do overnight on parcels over 20 kilos\n"
    assert statuses(base + refusal + "Agent: but what I can do is a Saturday delivery at no extra cost\n")[
        "no-contradiction"] == "pass"
    # ... and so does one after the customer objects (see also test_a_refusal_answered_later_...); with no
    # offer anywhere the refusal is flat
    assert statuses(base + refusal + "Customer: that's useless\n"
                    "Agent: what I can do is a Saturday delivery at no extra cost\n")["no-contradiction"] == "pass"
    assert statuses(base + refusal + "Customer: that's useless\nAgent: sorry about that\n")[
        "no-contradiction"] == "fail"
    assert statuses(base + refusal)["no-contradiction"] == "fail"


@pytest.mark.parametrize("customer,problem", [
    # a state said without a verb, as tweets drop the copula
    ("@brand all my playlists gone 😭", True),
    ("@brand my inbox empty again??", True),
    ("@brand refund pending since the 3rd", True),
    ("@brand the app crashes every 2 minutes", True),
    ("@brand firmware update bricked my speaker", True),
    ("@brand no bars anywhere in my flat", True),
    ("@brand tracking says delivered, nothing on my doorstep", True),
    ("@brand tv screen black with sound only", True),
    ("@brand my saved cards vanished overnight", True),
    # ... and the same words with nothing wrong
    ("@brand my cat has gone to sleep on the keyboard, how do I undo a shortcut?", False),
    ("@brand is the winter sale on every day this week?", False),
    ("@brand any tv black friday deals this year?", False),
])
def test_verbless_states_are_problems(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent,verdict", [
    # a regret or a judgement in other words, naming their trouble
    ("Hate to hear the scanner keeps jamming halfway through a page!", "pass"),
    ("That's not what we want to hear about the scanner jamming halfway through.", "pass"),
    ("We can see why you're upset about the scanner jamming on every page.", "pass"),
    ("A scanner that jams halfway through every page is frustrating, we get it.", "pass"),
    # ... the same words with nothing of theirs named
    ("Hate to hear that! DM us and we'll help.", "fail"),
    ("That is frustrating. Which model do you have?", "fail"),
])
def test_regret_and_judgement_in_other_words_restate(agent, verdict):
    got = after_complaint(agent, "@brand my new scanner keeps jamming halfway through every page")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a fix put as a try or a question, a soft instruction, a repair to book
    ("Have you tried toggling Bluetooth off and on again?", "pass"),
    ("You'll want to unpair the headset and pair it again from Settings.", "pass"),
    ("You're covered for a free repair, you can book an appointment here: example.com/repair", "pass"),
    # ... a try that fixes nothing, or a contact route, is no remedy
    ("Have you tried contacting the retailer?", "fail"),
    ("We tried reaching you by phone yesterday.", "fail"),
    ("You'll need to book it in with the manufacturer directly.", "fail"),
])
def test_fix_put_as_a_try_or_a_booking_is_a_remedy(agent, verdict):
    got = after_complaint(agent, "@brand my headset keeps dropping the connection to my laptop")
    assert got["solution-offered"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # a repeated annoyance, an error code alone, a fee "hit with", a one-word demand, a "why does it keep"
    ("@brand the app asks me to log in again every ten minutes", True),
    ("@brand 0x87e10bc5 when I launch anything", True),
    ("@brand NW-4-7 on the living room tv. again.", True),
    ("@brand hit with a late fee on a bill I paid early", True),
    ("@brand this is my statement. explain.", True),
    ("@brand why does my playlist keep shuffling itself", True),
    ("@brand the order has said 'packing' for 5 hours", True),
    ("@brand la télé s'éteint toute seule, c'est insupportable", True),
    # ... and the same shapes with nothing wrong
    ("@brand can I set a reminder every 30 minutes in the app?", False),
    ("@brand can you explain how the family plan works?", False),
    ("My policy number is AB-2291-0458", False),
    # failure words in figures of speech
    ("@brand crashed on the sofa after that finale, what a show", False),
    ("@brand the spring sale is wrecking my wallet 😂", False),
    ("@brand that new trailer has me in tears", False),
    ("@brand my desk setup has never looked this good, thanks for the fast delivery", False),
    ("@brand the agent on chat fixed it in two minutes, give her a raise", False),
])
def test_terse_shapes_and_figures_of_speech(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("customer,agent,verdict", [
    # a denial of what the customer just said about their case, in the customer's own word
    ("@brand my refund has been pending for 9 days", "The refund isn't pending, it went out on Tuesday.", "fail"),
    ("@brand you lost my suitcase on the way to Oslo", "Your suitcase wasn't lost, it was on the next flight.",
     "fail"),
    ("@brand the app update wiped my saved recipes", "App updates don't wipe saved recipes.", "fail"),
    ("@brand your site is down again", "The site isn't down, everything is running normally.", "fail"),
    ("@brand you removed half the channels from my package",
     "No channels have been removed from your package.", "fail"),
    # ... a negation about something the customer did not assert disputes nothing
    ("@brand my refund has been pending for 9 days", "It isn't something you need to chase, it's on its way.",
     "pass"),
    ("@brand do you take PayPal? my card keeps failing", "We don't take PayPal, but Apple Pay works too.", "pass"),
    ("@brand my refund never arrived", "The refund wasn't sent on time, sorry. I've pushed it through now.", "pass"),
    ("@brand got a text saying my account is locked, is this spam?",
     "That text isn't from us, please don't click the link.", "pass"),
    ("@brand the app crashes every time I open it", "That shouldn't happen! Which phone are you on?", "pass"),
    ("@brand your site is down again", "You're right, the site isn't loading for some people, we're on it.", "pass"),
])
def test_denying_what_the_customer_just_said_is_contradiction(customer, agent, verdict):
    assert statuses(f"Customer: {customer}\nAgent: {agent}")["no-contradiction"] == verdict


@pytest.mark.parametrize("customer,problem", [
    # a speed against what is paid for, a phone on emergency calls only, a bill for what went back, a screen
    # stuck for an hour, a failure in Spanish or Dutch with the verb in the present
    ("@brand getting 4mbps on the fibre plan, paying for 150", True),
    ("@brand broadband crawling again tonight", True),
    ("@brand phone on SOS only since this morning", True),
    ("@brand you're billing me for a router I sent back in March", True),
    ("@brand the tv box says 'connecting' for two hours now", True),
    ("@brand la impresora no enciende desde ayer", True),
    ("@brand no hay internet en todo el barrio", True),
    ("@brand mijn modem doet het al een week niet", True),
    # ... and the same words with nothing wrong
    ("@brand what speed is the 500mbps plan?", False),
    ("@brand no hay problema, gracias por todo", False),
    ("@brand the voucher says it's valid for 48 hours, how do I use it?", False),
])
def test_speeds_bills_and_present_tense_failures_in_other_languages(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent,verdict", [
    # the customer's words under a negation deny their point: a dispute, not a playback
    ("Firmware updates don't erase saved playlists.", "fail"),
    ("According to our records the playlists were never saved to the cloud.", "fail"),
    # ... the same words played back, with a cue or as a question, restate it
    ("So the firmware update erased all your saved playlists?", "pass"),
    ("Sorry the update erased your saved playlists, that shouldn't happen.", "pass"),
])
def test_a_denial_in_their_words_is_no_restatement(agent, verdict):
    got = after_complaint(agent, "@brand the firmware update erased all my saved playlists")
    assert got["restatement"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # a route the customer can take to put it right, a case opened, a team that will act, another attempt
    ("You can also rebook online in Manage Booking without calling.", "pass"),
    ("You'll be able to claim back the delivery charge here: example.com/claims", "pass"),
    ("DM us the reference and we'll open a trace request with the depot.", "pass"),
    ("Our account specialists can unlock it for you at 0800 000 000.", "pass"),
    ("A second delivery attempt will be made tomorrow morning.", "pass"),
    # ... thanks or a question is no remedy
    ("Thanks for letting us know about the delivery.", "fail"),
    ("Can you tell us more about what happened at the door?", "fail"),
])
def test_routes_cases_and_teams_that_act_are_remedies(agent, verdict):
    got = after_complaint(agent, "@brand courier says they tried to deliver, I was in all day and got nothing")
    assert got["solution-offered"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # what happens next said in the passive, or when money lands, or "so we can" + the act
    ("A new engineer visit will be arranged for tomorrow morning.", "pass"),
    ("We've asked for the fee back, it should land on your card within 5 business days.", "pass"),
    ("DM us the address so we can raise a repair job.", "pass"),
    ("Stuur ons je postcode via DM, dan kijken wij mee.", "pass"),
    # ... a fact about how things work is no next step
    ("Engineer visits are arranged by the regional team.", "fail"),
])
def test_next_steps_in_the_passive_and_money_landing(agent, verdict):
    got = after_complaint(agent, "@brand my boiler broke again and the engineer never came back")
    assert got["follow-up"] == verdict


@pytest.mark.parametrize("customer", [
    "@brand my phone screen has a pink line down the middle since the update",
    "@brand new monitor arrived with dead pixels in the corner",
])
def test_screen_faults_are_problems(customer):
    assert problem_heard(customer)


@pytest.mark.parametrize("customer,agent,verdict", [
    # the company's record set against the customer's account, with nothing else said
    ("@brand my doorbell was offline all evening", "Our logs show the doorbell was connected all evening.", "fail"),
    ("@brand the courier never came", "I can see the parcel was signed for at 11:40.", "fail"),
    ("@brand my broadband is crawling", "The speed test shows 300Mbps reaching your router.", "fail"),
    # ... the same record with an apology, an action, a next step or a question is help
    ("@brand the courier never came",
     "Sorry about this. I can see it was marked delivered, so I've opened a claim with the courier.", "pass"),
    ("@brand my refund hasn't arrived", "Our records show it was issued on the 3rd, it should arrive by Friday.",
     "pass"),
    ("@brand my broadband keeps dropping", "Our tests show the line dropped 14 times, I've booked an engineer.",
     "pass"),
    # ... and reading the account out on a call disputes nothing
    ("my card got declined", "okay i see your balance is eighty six dollars", "pass"),
])
def test_a_record_set_against_the_customer_is_contradiction(customer, agent, verdict):
    assert statuses(f"Customer: {customer}\nAgent: {agent}")["no-contradiction"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    # stonewalling and belittling with nothing offered
    ("Please refer to our earlier reply.", "fail"),
    ("Our decision remains unchanged.", "fail"),
    ("I won't argue about this.", "fail"),
    ("It's a small inconvenience at most.", "fail"),
    ("Everyone else's deliveries arrived fine.", "fail"),
    ("There's no reason to be angry.", "fail"),
    # ... the same words with something done or asked
    ("We haven't had other customers report this, could you DM us the tracking number?", "pass"),
    ("Sorry for the small inconvenience, the courier will bring it tomorrow.", "pass"),
    ("You can refer to our earlier email for the steps.", "pass"),
])
def test_stonewalling_and_belittling_is_contradiction(agent, verdict):
    assert after_complaint(agent, "@brand my delivery is a week late and nobody tells me anything")[
        "no-contradiction"] == verdict


@pytest.mark.parametrize("agent,verdict", [
    ("You must be doing something wrong with the settings.", "fail"),
    ("Probably something on your laptop's end.", "fail"),
    # a likely cause named while helping is not blame
    ("It might be something on your laptop's end, try clearing the cache under Settings > Apps.", "pass"),
])
def test_the_customer_doing_it_wrong_is_blame(agent, verdict):
    assert after_complaint(agent, "@brand the app keeps crashing on my laptop")["no-blame-shifting"] == verdict


def test_time_for_the_team_to_respond_is_a_follow_up_and_no_further_charges_a_remedy():
    complaint = "@brand you charged me again after I cancelled and nobody answers my emails"
    assert after_complaint("Please allow 48 hours for our team to respond to your email.", complaint)[
        "follow-up"] == "pass"
    assert after_complaint("Please allow 48 hours.", complaint)["follow-up"] == "fail"
    assert after_complaint("It's cancelled now and you won't be charged again.", complaint)[
        "solution-offered"] == "pass"


@pytest.mark.parametrize("customer,problem", [
    # stated: an error page, no 4G, delivered to the wrong place, a parcel in "exception", a status the facts deny
    ("@brand the shop page has been a 404 since your update", True),
    ("@brand no 4G in the whole town since Monday", True),
    ("@brand tracking says my parcel was delivered to a different postcode", True),
    ("@brand my parcel has sat in exception status all week", True),
    ("@brand the app says my prescription is ready but the pharmacy says they don't have it", True),
    # ... asked, the same words are a request or a how-to
    ("@brand can I have the parcel delivered to a different address?", False),
    ("@brand is there a 404 page template I can edit?", False),
])
def test_failures_stated_not_asked(customer, problem):
    assert problem_heard(customer) is problem


def test_a_refusal_answered_later_by_an_alternative_is_not_flat():
    base = ("Customer: can you bring back the album I deleted?\n"
            "Agent: Unfortunately deleted albums can't be restored.\n"
            "Customer: you're joking, those were my wedding photos\n")
    assert statuses(base + "Agent: I'm so sorry. What I can do is check last week's backup and restore it today.\n")[
        "no-contradiction"] == "pass"
    assert statuses(base + "Agent: I'm so sorry to hear that.\n")["no-contradiction"] == "fail"


@pytest.mark.parametrize("agent, verdict", [
    # a help article whose last path segment names the topic in two words, said to help
    ("This article might help: https://help.example.com/notes/sharing/export-docs", "pass"),
    ("Would this Help Center page: https://support.example.com/files/sync-errors be of any help?", "pass"),
    ("Maybe this guide could be useful: https://help.example.com/kb/restore-files", "pass"),
    # a locale or a bare section is no topic: still a home page
    ("This might be helpful: https://help.example.com/en-gb", "fail"),
    ("This might be helpful: https://help.example.com/hc/en-us/", "fail"),
    # a topic link that only informs is not a fix
    ("You can learn more about it here for more info: https://help.example.com/kb/export-docs", "fail"),
])
def test_a_help_article_named_by_a_two_word_slug_is_a_remedy(agent, verdict):
    assert after_complaint(agent, "@brand can't export my notes anymore, so annoying")["solution-offered"] == verdict


@pytest.mark.parametrize("customer, agent, verdict", [
    # their figure beside their word, in a regret or a check, plays the point back
    ("@brand downloads keep freezing at 99% on my console, tried 3 times", "Freezing at 99% every time is no fun.",
     "pass"),
    ("@brand you charged me $40 twice for one order", "Sorry, I see the $40 was charged twice.", "pass"),
    # without a cue, or only with a bare opening, the figure is a detail taken down
    ("@brand my flight SN 212 was cancelled and nobody told me", "Okay, flight SN 212.", "fail"),
    ("@brand my flight SN 212 was cancelled and nobody told me", "Your flight 212, one moment.", "fail"),
    # and a figure alone, with no word of theirs, is never a playback
    ("@brand downloads keep freezing at 99% on my console", "Sorry to hear that, 99 is odd.", "fail"),
])
def test_a_figure_of_the_customers_counts_beside_their_word(customer, agent, verdict):
    assert after_complaint(agent, customer)["restatement"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a judgement after the trouble named in their words
    ("Having your save corrupted after the update is heartbreaking.", "pass"),
    ("A save that corrupted after the update is the worst, we know.", "pass"),
    # the judgement alone names nothing of theirs
    ("That is terrible, let me check.", "fail"),
    ("Sorry, that must be a pain. What platform are you on?", "fail"),
])
def test_a_judgement_after_their_trouble_named_is_a_playback(agent, verdict):
    assert after_complaint(agent, "@brand my save got corrupted after the update, lost 60 hours")[
        "restatement"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # the customer's trouble denied as the product's: "that's not a bug", with the name in it
    ("That's not a Zoom issue.", "fail"),
    ("It is not a Windows problem.", "fail"),
    # with help beside it, or a lower-case word that names no product, it disputes nothing
    ("That's not a Zoom issue, but let me help you check your settings.", "pass"),
    ("It's not a Sunday thing, we're checking the servers now.", "pass"),
])
def test_their_trouble_denied_as_the_products_is_contradiction(agent, verdict):
    assert after_complaint(agent, "@brand my meetings keep freezing and the audio cuts out")[
        "no-contradiction"] == verdict


@pytest.mark.parametrize("customer, agent, verdict", [
    # an amount of theirs, with a word of theirs, in a check
    ("@bank charged twice for the same order, £54.99 x2, and the app won't let me dispute it",
     "So you've got two £54.99 payments and the dispute button isn't working, is that right?", "pass"),
    # the amount alone, in a line that only reads the account back, takes details
    ("@bank charged twice for the same order, £54.99 x2", "Your order of £54.99, one moment.", "fail"),
    # the trouble known on the agent's side, named in their words
    ("@notes app crashes every time I try to export to PDF", "Our team is aware of a PDF export crash in 6.4.1.",
     "pass"),
    ("@notes app crashes every time I try to export to PDF", "We're aware of this, thanks.", "fail"),
    # regret for the state they are left in: locked out, stuck, charged twice
    ("@bank locked out of online banking AGAIN", "Sorry you're locked out again, that must be annoying.", "pass"),
    ("@bank you charged me twice for one order", "Sorry you were charged twice, I'll refund one now.", "pass"),
    # a bare "charged" echoes no point of theirs
    ("@bank you charged me a fee because my wages came in late", "I'm sorry you've been charged but that's the policy.",
     "fail"),
])
def test_amounts_awareness_and_the_state_they_are_left_in(customer, agent, verdict):
    assert after_complaint(agent, customer)["restatement"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # the case handed on, to a team of ours that will act
    ("Please DM us your reference and we'll chase this up with the team at the depot for you.", "pass"),
    ("I've chased this up with our baggage team.", "pass"),
    ("Give our renewals team a call on 0345 600 2210 and they'll go through the options with you.", "pass"),
    ("Please call our retention team, they can look at a better deal.", "pass"),
    # passing a remark on changes nothing for this customer, and a bare number to ring commits nobody
    ("We'll pass this on to the team.", "fail"),
    ("You can call us on 0345 600 2210.", "fail"),
])
def test_the_case_chased_or_handed_to_a_team_that_will_act_is_a_remedy(agent, verdict):
    assert after_complaint(agent, "@brand my renewal price doubled and my bag is still missing")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # an imperative on a named menu or screen, as apps name them
    ("Ha, no ghosts! Check Automations in the app and delete any routine you don't recognise.", "pass"),
    ("Open Device Settings and turn off the schedule.", "pass"),
    # a name that is no screen of the app, or a question for a datum, is no step
    ("Check Twitter for updates.", "fail"),
    ("Find Me on the app and tell us what it shows.", "fail"),
])
def test_an_imperative_on_a_named_screen_is_a_step(agent, verdict):
    assert after_complaint(agent, "@brand living room lights turning on by themselves at 3am")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # "sorry, but" before a final decision softens nothing: the decision stands with nothing offered
    ("I'm sorry, but the decision on this claim is final.", "fail"),
    # a "but" after it offers a way on
    ("The decision is final, but you can appeal to the ombudsman.", "pass"),
    ("The decision is final, however we'd be happy to review new evidence.", "pass"),
])
def test_a_final_decision_after_sorry_but_is_a_flat_refusal(agent, verdict):
    assert after_complaint(agent, "@insurer my claim was rejected but I reported it the next morning!!")[
        "no-contradiction"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a support ticket opened is a remedy; a travel ticket is the thing refused
    ("I've opened a ticket with our refunds team.", "pass"),
    ("Please submit a ticket here and we will help: https://support.example.com/requests/new", "pass"),
    ("Your ticket is non-refundable.", "fail"),
    ("Sorry, the ticket for that flight can't be changed.", "fail"),
])
def test_a_travel_ticket_is_not_a_support_ticket(agent, verdict):
    assert after_complaint(agent, "@airline my flight was cancelled and you only offer a credit, I want a refund")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # wanting to see whether help is possible commits to nothing (a real Apple reply, labelled fail by both
    # readers of real-twitter-270)
    ("We'd like to see if we can help with this.", "fail"),
    ("Let's see if we can help. Which iOS version are you on?", "fail"),
    # a named next step still does
    ("We'd like to look into this. Send us a DM and we'll go from there.", "pass"),
])
def test_seeing_if_we_can_help_is_no_commitment(agent, verdict):
    assert after_complaint(agent, "@brand my phone is disabled and I lost all my photos")["follow-up"] == verdict


@pytest.mark.parametrize("agent, solution, restatement", [
    # someone else's remedy to give, told as an instruction: no remedy offered here, and no playback either
    ("The restaurant will need to process the refund for the food.", "fail", "fail"),
    ("Your bank would have to reverse the charge for the food.", "fail", "fail"),
    # our own remedy, with the third party's part beside it
    ("I've refunded the order. The restaurant will need to confirm, which takes a day.", "pass", "fail"),
])
def test_a_remedy_that_is_someone_elses_to_give(agent, solution, restatement):
    got = after_complaint(agent, "@brand my food never arrived and I was still charged for it")
    assert (got["solution-offered"], got["restatement"]) == (solution, restatement)


@pytest.mark.parametrize("agent, verdict", [
    # the customer's own kit named as the cause, with nothing done about it
    ("The drops are coming from the router you've connected, so you'd need to contact its maker.", "fail"),
    ("It's your router that's causing the drops.", "fail"),
    # with a step or an offer it is troubleshooting, not blame
    ("It's your router that's causing the drops, try restarting it and let us know.", "pass"),
    ("Sorry, it looks like the router you're using is causing this; we can send you one of ours.", "pass"),
])
def test_the_customers_own_kit_named_as_the_cause_is_blame(agent, verdict):
    assert after_complaint(agent, "@isp wifi drops every night between 8 and 11")["no-blame-shifting"] == verdict


@pytest.mark.parametrize("customer, heard", [
    # "can't find it" beside a how-to question is the how-to
    ("@bank how do I add my husband as a user? cant find it anywhere in the app", False),
    ("@host hello, do you still have a chat service? I'm not able to find it", False),
    ("@bank how do I set up a standing order in the new app? can't see the option anywhere", False),
    # a lost thing of theirs, or another failure in the turn, is still a problem
    ("@courier how do I get a refund? I can't find my parcel anywhere", True),
    ("@bank how do I log in? it won't accept my password and I can't find the reset option", True),
    ("@app how do I export? can't find the option and the app keeps crashing", True),
    # and without the how-to, not finding something is a failure as before
    ("@shop I can't find my order in my account", True),
])
def test_cant_find_it_beside_a_how_to_question_is_the_how_to(customer, heard):
    assert problem_heard(customer) is heard


@pytest.mark.parametrize("customer, heard", [
    # a person who "doesn't do apps" has a habit, not a fault
    ("@clinic ta. mainly for my mum, she doesn't do apps or email", False),
    ("Yes, I'm seventy-eight and I don't do computers.", False),
    # a product that doesn't do what it should is still a fault
    ("@brand the app doesn't do anything when I tap pay", True),
])
def test_a_person_who_doesnt_do_apps_is_no_fault(customer, heard):
    assert problem_heard(customer) is heard


@pytest.mark.parametrize("customer, heard", [
    # not knowing about something is news, not a failure of "sort" or "use"
    ("@games oh didnt know about the sort, that helps. ta", False),
    ("@games didnt know you could sort by date", False),
    # not knowing who to turn to, beside trouble, is still a call for help
    ("water bubbling up by my gate since saturday and i dont know who to ring", True),
    ("the refund didn't come and I didn't know who to call", True),
])
def test_not_knowing_about_something_is_no_failure(customer, heard):
    assert problem_heard(customer) is heard


@pytest.mark.parametrize("agent, verdict", [
    # an instruction that reuses the customer's words is not their point played back
    ("Make sure you turned on email notifications for comments on your channel.", "fail"),
    ("Thanks for the tag, make sure that you turned on your email notifications for comments.", "fail"),
    # a regret that names their trouble still is
    ("Sorry you're not getting email notifications about comments on your channel.", "pass"),
])
def test_make_sure_you_is_an_instruction_not_a_playback(agent, verdict):
    assert after_complaint(agent, "@video I'm not getting e-mail notifications about comments on my channel")[
        "restatement"] == verdict


@pytest.mark.parametrize("customer, agent, verdict", [
    # "that's not a crash": the customer's own word denied
    ("@app the app keeps crashing when I open a project", "That's not a crash, it's the app closing to save memory.",
     "fail"),
    # sympathy in the same shape disputes nothing
    ("@groomer I asked for the length left on and she's clipped short all over",
     "That's not what you asked for at all.", "pass"),
    ("@app the app keeps crashing when I open a project", "It's not your fault, we're fixing the crash now.", "pass"),
    # referred back to an earlier reply, with nothing else
    ("@shop my order never arrived", "As per our earlier reply, the order was delivered.", "fail"),
    ("@shop my order never arrived", "Like we told you yesterday, it was delivered.", "fail"),
])
def test_the_customers_word_denied_and_referred_back(customer, agent, verdict):
    assert after_complaint(agent, customer)["no-contradiction"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a count set against the customer's: they said twice, the record says one
    ("There's only one charge on your account.", "fail"),
    ("We only see one charge on our end.", "fail"),
    # a promise, or the record with a check or a fix beside it, disputes nothing
    ("Don't worry, you'll only be charged once.", "pass"),
    ("Sorry about that, I only see one charge but let me check with billing.", "pass"),
    ("There is only one way to fix this, I'll refund the second charge now.", "pass"),
])
def test_a_count_set_against_the_customers_is_contradiction(agent, verdict):
    assert after_complaint(agent, "@bank I was charged twice for the same order")["no-contradiction"] == verdict


@pytest.mark.parametrize("customer, agent, blame", [
    # the customer's own kit or side named as the cause, with nothing done about it
    ("@fibre my broadband drops every night", "It'll be your internal wiring or equipment.", "fail"),
    ("@fibre my broadband drops every night", "That's likely to be your own wiring.", "fail"),
    ("@fibre my broadband drops every night", "It'll be your own wiring, so try a different socket and let us know.",
     "pass"),
    ("@gym I cancelled but I'm still being charged", "The cancellation wasn't completed on your end.", "fail"),
    ("@gym I cancelled but I'm still being charged",
     "The cancellation wasn't completed on your end, so I've cancelled it now and refunded the charge.", "pass"),
    ("@gym I cancelled but I'm still being charged",
     "If the page didn't load on your end, please try again in a different browser.", "pass"),
    # sent back to the site or broker the booking was made through
    ("@hotel my booking has the wrong dates",
     "The booking was made through a third-party site, so any changes would need to go through them.", "fail"),
    ("@carhire I was charged a no-show fee",
     "Your booking was made through one of our broker partners, so any refund would need to be requested through "
     "them.", "fail"),
    ("@hotel my booking has the wrong dates",
     "If you booked through a travel agent, we can still help: DM us the reference and we'll sort it with them.",
     "pass"),
    # a contractor's status as the reason to say nothing
    ("@food my order never arrived",
     "Our riders are independent contractors so we're unable to comment on what happened at the door.", "fail"),
])
def test_blame_put_on_the_customers_side_or_the_booking_site(customer, agent, blame):
    assert after_complaint(agent, customer)["no-blame-shifting"] == blame


@pytest.mark.parametrize("agent, verdict", [
    # a reply already given in DM says nothing of what comes next
    ("We've replied in DM ^TN", "fail"),
    ("Thanks, we have responded to your DM.", "fail"),
    # a message sent to them, or a commitment beside the DM, still is
    ("We've sent you a DM ^TN", "pass"),
    ("We've replied in DM and we'll check on the refund tomorrow.", "pass"),
])
def test_a_reply_in_dm_is_not_a_commitment(agent, verdict):
    assert after_complaint(agent, "@bank my card was declined twice today")["follow-up"] == verdict


@pytest.mark.parametrize("customer, problem", [
    # the missing one of a pair asked after
    ("@tickets paid £64 for 2 tickets and there's 1 in the app. where's the other one", True),
    ("@shop 2 of 3 boxes came, where is the second one?", True),
    # another of something that is not theirs
    ("@store where is the other store in town?", False),
])
def test_problem_raised_on_the_missing_other_one(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent, verdict", [
    # a test or the network set against the customer's reported fault, with nothing else
    ("We've run a line test and there's no fault on the line from our end.", "fail"),
    ("There's no fault on our network.", "fail"),
    # the same finding with a next step, a fix, or as something still to check disputes nothing
    ("The line test shows no faults, so could you try a different filter?", "pass"),
    ("I'll run a line test to see if there's a fault on the line.", "pass"),
    ("Sorry, the line test found no fault but I've booked an engineer for Thursday.", "pass"),
])
def test_no_fault_found_against_the_customers_report_is_contradiction(agent, verdict):
    assert after_complaint(agent, "@fibre 3rd outage this week, i work from home")["no-contradiction"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a route for the customer with the agent's side's act promised on it
    ("If you email the photo to moving@example.co.uk we can close the account from 1 Feb and refund the difference.",
     "pass"),
    ("Email the photo to moving@example.co.uk and we can close the account from 1 Feb.", "pass"),
    # the customer's own act, or an offer with no route back, promises nothing
    ("If you want, you can close the account online.", "fail"),
    ("If you'd like a refund we can do that, or a replacement.", "fail"),
])
def test_a_route_with_the_agents_act_on_it_is_a_follow_up(agent, verdict):
    assert after_complaint(agent, "I moved out in Feb and you've charged me for Feb and March")["follow-up"] == verdict


@pytest.mark.parametrize("customer, problem", [
    # a reading stuck at zero, said with how long it has been so
    ("@energy smart meter has said 0 since the 3rd and now you've sent me an estimated bill for £212", True),
    ("@bank the app shows 0 since this morning", True),
    # a zero with nothing held against it, or an empty basket on the way to a how-to, is not
    ("@shop the basket says nothing since i cleared it, how do i add items?", False),
    ("@bank does the app show 0 for pending payments?", False),
])
def test_problem_raised_on_a_reading_stuck_at_zero(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("customer, agent, verdict", [
    # the customer told to ask another company for the remedy is not offered one
    ("i was charged twice at the furniture shop", "yeah give them a call and ask them to refund the duplicate", "fail"),
    ("i got a late fee on my electric bill", "you could try asking the electric company about the late fee", "fail"),
    # with our own act beside it, it is
    ("i was charged twice at the furniture shop",
     "ask them to refund the duplicate and if they won't, we'll raise a chargeback", "pass"),
    ("i was charged twice", "I'll ask the team to refund the duplicate today.", "pass"),
])
def test_sent_to_ask_another_company_for_the_remedy(customer, agent, verdict):
    assert after_complaint(agent, customer)["solution-offered"] == verdict


@pytest.mark.parametrize("customer, agent, blame", [
    # a franchisee, "the payment system", the dealer they bought from, or a partner who must act first
    ("pizza came cold after 90 mins",
     "Delivery is down to each store (they're franchised), pls call Harlow Rd -Sam", "fail"),
    ("my direct debit failed and i got a late fee",
     "that one's down to the payment system it didn't send it out that's not something anyone here did", "fail"),
    ("the app says my subscription expired", "Please contact the dealer you bought from, as they set it up.", "fail"),
    ("the app won't unlock my car",
     "Our partner has an outage in your area, so there's nothing we can do until they restore it.", "fail"),
    # each with our own act beside it, or a different sense of the words, is not
    ("pizza came cold after 90 mins",
     "Sorry! Our stores are franchised, but I've passed this to the Harlow Rd manager and we'll refund the fee.",
     "pass"),
    ("my phone broke", "You can take it back to the store you bought it from, or we can book a repair for you.",
     "pass"),
    ("my order is late", "It's down to the last few parcels now, it'll be with you by 6pm.", "pass"),
])
def test_blame_on_a_franchisee_the_system_or_the_seller(customer, agent, blame):
    assert after_complaint(agent, customer)["no-blame-shifting"] == blame


@pytest.mark.parametrize("customer, agent, rule, verdict", [
    # "I'm going to need ..." asks for something now, as "I'll need ..." does; it promises nothing
    ("i lost my card", "alright i'm gonna need to verify a couple of things first can you give me your date of birth",
     "follow-up", "fail"),
    ("i lost my card", "we're going to need to ask you a few security questions", "follow-up", "fail"),
    ("i lost my card", "I'm going to cancel the card now and send a new one.", "follow-up", "pass"),
    # a roaming pass put on a plan is not a message passed on
    ("you charged me roaming", "what i can do is put our europe roaming pass on your plan so next time it's two pounds "
     "a day instead", "follow-up", "fail"),
    ("you charged me roaming", "I'll pass on your feedback to the team.", "follow-up", "pass"),
    # a question about what their own step does offers no fix; a link or steps beside it still do
    ("my internet drops every evening, i restart the router and nothing", "right what happens when you restart the "
     "router", "solution-offered", "fail"),
    ("my washer shows error 4C", "Make sure both taps are open: https://example.com/support/TSG01201502/ What happens "
     "if you run a rinse cycle on its own?", "solution-offered", "pass"),
])
def test_asks_and_passes_that_promise_or_fix_nothing(customer, agent, rule, verdict):
    assert after_complaint(agent, customer)[rule] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a bare help link whose slug names a fault is the troubleshooting article for it
    ("@user https://help.pulseband.com/articles/1182-band-not-syncing-after-app-update", "pass"),
    ("https://support.example.com/kb/fix-sound-cutting-out", "pass"),
    # a slug that names no fault, or names a topic only, is not
    ("@user https://help.pulseband.com/articles/1182-getting-started-with-your-band", "fail"),
    ("Here's how you can check that: https://community.example.com/t5/faq-where-do-i-find-crash-logs/td-p/92", "fail"),
])
def test_a_bare_help_link_that_names_the_fault(agent, verdict):
    assert after_complaint(agent, "@pulse my band stopped syncing after the app update")["solution-offered"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a question about what the customer's own step does reuses their words without playing their point back
    ("right what happens when you restart the router", "fail"),
    # their point played back, then the question, still restates
    ("So your internet drops every evening? What happens when you restart the router?", "pass"),
])
def test_a_question_about_their_step_is_not_restatement(agent, verdict):
    assert after_complaint(agent, "my internet drops every evening, i restart the router and nothing changes")[
        "restatement"] == verdict


@pytest.mark.parametrize("customer, problem", [
    # a shortfall told as two plain facts: what was promised, paid for or done, then what came of it
    ("@parcelco return left at the depot 12 days ago. no refund and no reply", True),
    ("@bank transfer made 4 days ago, shows sent on my side. landlord still has nothing", True),
    ("@telco any news? you said 48 hours. that was last week", True),
    ("@courier guaranteed next day delivery. it's day 4", True),
    ("@broadband paying for 500 meg. speed test tonight: 23", True),
    ("@airline you promised 500 miles for the survey. got 50", True),
    ("@store the price on the shelf said 40 quid. the till charged me 58", True),
    ("@energy meter reading sent 3 weeks ago. bill still estimated", True),
    # the same facts with nothing set against them, or asked about, are not
    ("@telco you said 48 hours, that's fine, thanks for letting me know", False),
    ("@parcelco return left at the depot 12 days ago. how long do refunds usually take?", False),
    ("@broadband paying for the sports pack. can I add a landline too?", False),
    ("@courier paid for next day delivery 2 days ago, will it still come if I'm out?", False),
])
def test_problem_raised_on_a_shortfall_told_in_two_facts(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("customer, problem", [
    # nothing credited, a list of what was left out, a tint, a line that hangs up, a coded flight cancelled
    ("@hotelclub stayed 5 nights in may, 0 points posted", True),
    ("@burgerbar no fries, no shake. just the burger", True),
    ("@phoneco yellow tint on every picture since the update", True),
    ("@insurer your helpline hangs up after 20 minutes on hold", True),
    ("@airline UA 922 cancelled and no hotel offered", True),
    ("@fibra semanas sin conexión y nadie me responde", True),
    ("@banco pix recusado de novo, sério isso?", True),
    ("@walletapp paise kat gaye par recharge hua hi nahi", True),
    # praise with a failure word in it, a hypothetical, a list of what is pleasantly absent, a tearful finale
    ("@bankapp switched my salary over, zero problems", False),
    ("@rentals what happens if the owner cancels the week before?", False),
    ("@gym love it, no fees, no contracts", False),
    ("@streamer that season finale 😭😭 amazing", False),
])
def test_problem_raised_on_terse_shapes(customer, problem):
    assert problem_heard(customer) is problem


def test_a_shortfall_quotes_both_facts():
    from checks.test_phrase_checks import result
    trigger = result("Customer: @telco any news? you said 48 hours. that was last week\nAgent: ok", "apology").trigger
    assert trigger.quote == "you said 48 hours. that was last week"


@pytest.mark.parametrize("customer, problem", [
    # a fine, a cost forced on them, a delivery to the old address, a mess left, a new demand, a swap, lateness
    ("@metrolink inspector fined me for a ticket the machine never printed", True),
    ("@buscompany last bus never came so I had to pay for a taxi", True),
    ("@shoeshop my boots went to my old address", True),
    ("@cleaners your team left paint all over my hallway floor", True),
    ("@gymchain signed up for no contract, now you want £90 to leave", True),
    ("@bookshop you sent me the audiobook not the hardback", True),
    ("@florist bouquet arrived 2 days late for the anniversary", True),
    ("@cardshop the card turned up three days after the party", True),
    ("@ferryline 4 hour crossing, bar shut, not even a kettle", True),
    ("@grocer paid for the 8am slot. driver turned up at 1pm", True),
    # the same words where nothing went wrong
    ("@metrolink can I be fined if I forget to tap out?", False),
    ("@shoeshop can you send the boots to my old address instead?", False),
    ("@movers moved in yesterday, not even a scratch on the furniture, thank you", False),
])
def test_problem_raised_on_costs_swaps_and_lateness(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent, verdict", [
    # a record, then "so" and the verdict on their case, disputes them even with a way forward after it
    ("okay so the camera footage shows the bay was empty so the fine was issued correctly you can appeal online",
     "fail"),
    ("Our readings came from the meter itself, so the bill stands. You can send a photo of the meter if you like.",
     "fail"),
    ("The booking was changed in the app on the 3rd, so it went out exactly as it was set.", "fail"),
    ("The scanner logged a knock at 2pm, so an attempt was made. Rebook here: example.com/rebook", "fail"),
    ("Your train arrived 9 minutes late, so the claim doesn't qualify.", "fail"),
    # a fact and "so" for what happens next, a conceded error, or a verdict in their favour do not
    ("The payment went through on Monday, so it should reach you by Friday.", "pass"),
    ("The reading wasn't taken correctly, so the engineer is booked for Monday.", "pass"),
    ("You're right, the meter was read wrong, so the bill isn't correct and I'm reissuing it.", "pass"),
    ("You're eligible, so the upgrade is £10 a month.", "pass"),
])
def test_a_verdict_drawn_against_the_customer_contradicts(agent, verdict):
    assert after_complaint(agent, "I was charged for something that isn't my fault, this is wrong")[
        "no-contradiction"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # denials and brush-offs in the forms agents write them ("isn't" as well as "not")
    ("@user That isn't the case, all our branches take returns.", "fail"),
    ("Lost post isn't our problem I'm afraid.", "fail"),
    ("It was a two minute wait according to the queue log, so I wouldn't call it a delay.", "fail"),
    ("We're not sure that's accurate, the shop was fully staffed that evening.", "fail"),
    ("Phone screens don't crack by themselves, so this is accidental damage.", "fail"),
    ("There's no error here, the payment was taken on the right date.", "fail"),
    ("There's no duplicate charge, one of those is a pending hold.", "fail"),
    ("You weren't overcharged, the fare was the peak fare.", "fail"),
    ("Everything's fine on our side. Check your router.", "fail"),
    ("We have no reported outages in your area. Check your fuse box.", "fail"),
    ("Hi, this order is non-cancellable.", "fail"),
    ("Unfortunately we don't price match.", "fail"),
    ("Sadly refunds can't be issued after the event has started.", "fail"),
    ("Meal vouchers aren't offered for delays under two hours.", "fail"),
    # the same words beside an error owned, a check under way or help given
    ("There's no error on your side, the mistake was ours and I've fixed it.", "pass"),
    ("We have no reported outages there yet, so let me run a line test now.", "pass"),
    ("Everything's fine on our side now, the fault was fixed at 3pm.", "pass"),
    ("Refunds can't be issued once it has started, but I can move you to next week's show.", "pass"),
])
def test_denials_and_flat_refusals_in_their_written_forms(agent, verdict):
    assert after_complaint(agent, "this is a joke, you charged me and nothing works")["no-contradiction"] == verdict


@pytest.mark.parametrize("customer, problem", [
    # what they said was there, two bills for one thing, a changed look, a form sent back, half of a promise,
    # a charge for what never happened, a device too hot, a timed service cancelled, what they paid for this
    ("i got a parking fine but my blue badge was on the dash the whole time", True),
    ("two separate invoices for the same boiler service, one for 90 and one for 140", True),
    ("the tablets look a different shape than usual and the box says 50mg", True),
    ("my visa application just got sent back to me with no reason", True),
    ("the heat pump gives maybe half what your rep said it would", True),
    ("my statement shows a cleaning fee but we never had a clean", True),
    ("got a bill from a specialist i never even saw", True),
    ("my tablet gets really hot when it charges, too hot to hold", True),
    ("the 18:40 to York cancelled again, no bus replacement", True),
    ("my necklace turned green in two days", True),
    ("was told the sofa would come Tuesday, now it's 'end of month'", True),
    ("the courier app says delivered at 3 and i've been home all day and there's nothing", True),
    # the same words where nothing went wrong
    ("can you print two copies of the same invoice for my records?", False),
    ("the 18:40 to York, is it running on the new timetable?", False),
])
def test_problem_raised_on_the_shapes_of_reply_batteries(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent, verdict", [
    # the agent reading its own screen ("so it's showing data sessions ...") plays nothing back
    ("right so it's showing data sessions in spain on the second and third of may", "fail"),
    # their trouble said back with "showing as" still restates
    ("Sorry your order hasn't turned up even though it's showing as delivered.", "pass"),
])
def test_reading_the_screen_is_not_restatement(agent, verdict):
    assert after_complaint(agent, "my order hasn't turned up and you've charged me for data in spain")[
        "restatement"] == verdict


@pytest.mark.parametrize("customer, agent, verdict", [
    # "sorry it's ...", "I can see your ...", and regrets in French, Spanish and Hindi-English carry a playback
    ("my tv box keeps freezing every evening since the last update",
     "Sorry it's freezing every evening since the update, that sounds really annoying.", "pass"),
    ("missed my train in Crewe because your bus was an hour late",
     "I can see your bus arrived an hour late and you missed the train in Crewe.", "pass"),
    ("ma commande est arrivée avec un écran cassé",
     "Nous sommes désolés pour l'écran cassé de votre commande.", "pass"),
    ("bhai 3 din se wifi nahi chal raha Pune mein", "Sorry ki aapko Pune mein 3 din se wifi ki problem hai.", "pass"),
    # the same openers with nothing of theirs after them
    ("my tv box keeps freezing every evening since the last update", "Sorry it's been a pain. DM us.", "fail"),
    ("missed my train in Crewe because your bus was an hour late", "I can see your account. DM us.", "fail"),
])
def test_regret_openers_that_carry_a_playback(customer, agent, verdict):
    assert after_complaint(agent, customer)["restatement"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # remedies in the shapes the new batteries' agents wrote them
    ("Hi Sam, that's been reversed now.", "pass"),
    ("That one's on us. I've resent the tickets to your email.", "pass"),
    ("We can do 20% off a reprint if you upload a sharper photo.", "pass"),
    ("Under our delay policy you're owed €250, submit the claim at example.com/delay", "pass"),
    ("The right size goes out today by tracked post.", "pass"),
    ("Deleting old backups frees the space straight away.", "pass"),
    ("A restart of the hub usually fixes this.", "pass"),
    ("If you don't recognise it, freeze your card in the app and DM us.", "pass"),
    ("DM us your account number and we'll run a line test tonight.", "pass"),
    ("You can add the new card under My Wallet.", "pass"),
    ("Apply for the exemption here: example.com/relocation", "pass"),
    ("Te enviamos hoy mismo una pieza nueva sin coste.", "pass"),
    # waiting, a reading pointer or a promise to call are not remedies
    ("Those holds normally clear within two working days, I'll call you tomorrow.", "fail"),
])
def test_remedies_in_their_written_shapes(agent, verdict):
    assert after_complaint(agent, "my order came wrong and the app keeps failing, sort it out")[
        "solution-offered"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # the fault put elsewhere in the shapes the new dispute battery found
    ("Strap faults come from the watch maker rather than our repair desk.", "fail"),
    ("Our servers are fine, so this is coming from your broadband provider.", "fail"),
    ("We dispatched it the same day, so the delay happened once it left us.", "fail"),
    ("That flight was run by our partner and the cancellation was theirs.", "fail"),
    ("It went to the address entered at checkout, so that's down to the details provided.", "fail"),
    ("Please check the size guide before you order next time.", "fail"),
    ("Battery faults are a manufacturer warranty issue, so the maker will need to look at it.", "fail"),
    # the same words with nothing blamed
    ("We'd rather refund it than replace it, if that suits.", "pass"),
    ("I'll double check the address with the courier next time, sorry about this.", "pass"),
    ("I've sent the replacement and it will be with you tomorrow.", "pass"),
])
def test_blame_in_the_shapes_of_the_dispute_battery(agent, verdict):
    assert after_complaint(agent, "my order is late and the strap broke, not happy")["no-blame-shifting"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # a call arranged through a colleague, and commitments in French, Spanish and Hindi-English
    ("i've asked the duty manager to ring you by friday", "pass"),
    ("Vous recevrez une confirmation par courriel d'ici 24 h.", "pass"),
    ("Quedamos atentos a tu mensaje privado.", "pass"),
    ("Hum aapko email se update bhejenge.", "pass"),
    # asking them to ring, or to write if they wish, commits to nothing
    ("I've asked you to ring the depot yourself.", "fail"),
    ("Please DM us if you have any other concerns.", "fail"),
])
def test_commitments_through_a_colleague_and_in_other_languages(agent, verdict):
    assert after_complaint(agent, "my boiler is still broken after the visit")["follow-up"] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # what someone told them, how the fault behaves, what a fix should look like, in English and other languages
    ("What did the store say when you took it back?", "pass"),
    ("What has the installer said so far?", "pass"),
    ("How does the screen behave when it freezes?", "pass"),
    ("What would a plan need to include to work for you?", "pass"),
    ("Pouvez-vous nous décrire ce qui se passe au démarrage?", "pass"),
    ("Kya aap bata sakte hain ki payment ke time kya hua?", "pass"),
    # a closing check and a datum are not open
    ("How does that sound?", "fail"),
    ("Which store did you buy it from?", "fail"),
])
def test_open_questions_about_what_was_said_and_how_it_behaves(agent, verdict):
    assert after_complaint(agent, "my new telly keeps freezing and the shop won't help")["open-question"] == verdict


@pytest.mark.parametrize("customer, problem", [
    # a fresh blind battery's complaints, in our own words
    ("is it normal to pay for fibre and get 2 meg every evening?", True),
    ("got a bill for the dentist but my insurer said it was covered", True),
    ("your agent has kept £150 of my deposit for carpets that were spotless", True),
    ("received a water bill for the flat I moved out of in June", True),
    ("booked a test drive for 10, nobody turned up", True),
    ("the number 9 drove straight past me at the stop", True),
    ("the dress I ordered in a 12 arrived labelled 6", True),
    ("photo of delivery shows a door. not my door.", True),
    ("ordered a phone case, got a dog lead. I don't even have a dog", True),
    ("£40 for a bag that fitted the sizer. explain that one", True),
    # asks, worries and requests with the same words
    ("if my train is cancelled by the strike, do I get a refund?", False),
    # a failure that did happen beside a question about what follows still counts
    ("my train was cancelled this morning, if I rebook do I pay again?", True),
    ("my permit was on the dash, it was right there, but I still got a ticket", True),
    ("where is the settings menu? oh it's right there, sorry", False),
    ("I'm flying on Friday and I'm worried the strike will go ahead", False),
    ("hi i'm calling to cancel my gym membership as i'm moving abroad", False),
    ("how do I add a payee? I can't see where you're meant to click", False),
])
def test_problem_raised_on_a_fresh_blind_battery(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("customer, problem", [
    # the last fresh battery's complaints, in our own words
    ("tracking says delivered. nothing on the step. waited in all day for nothing", True),
    ("got an email saying you've cancelled our cottage for half term", True),
    ("tapped in once and it took two fares again", True),
    ("your driver shouted at my mum for taking too long at the door", True),
    ("ordered the blue one and got a red one, now I have to queue at the post office", True),
])
def test_problem_raised_on_the_last_fresh_battery(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent, rule, verdict", [
    # blame and dismissal in the last fresh battery's shapes, in our own words
    ("If it's rejected it's being entered wrong on your end.", "no-blame-shifting", "fail"),
    ("The size is on the label, so this should have been checked before buying.", "no-blame-shifting", "fail"),
    ("Tickets bought through a reseller are managed by them, so refunds go through the reseller.",
     "no-blame-shifting", "fail"),
    ("Deliveries are made by our partner couriers, who can advise on the delay.", "no-blame-shifting", "fail"),
    ("Account holds are triggered automatically by the system.", "no-blame-shifting", "fail"),
    ("We won't apologise for applying the policy.", "no-contradiction", "fail"),
    ("Our servers weren't hacked, there's no evidence of that.", "no-contradiction", "fail"),
    ("Weather delays are outside our control, so no compensation applies.", "no-contradiction", "fail"),
    # the same words beside understanding or an alternative
    ("I won't apologise for the new price, but I do see why it stings and I can move you to the cheaper plan.",
     "no-contradiction", "pass"),
    ("Your parcel came inside the window shown at checkout, and I've added a credit anyway.", "no-blame-shifting",
     "pass"),
])
def test_blame_and_dismissal_in_the_last_fresh_battery(agent, rule, verdict):
    assert after_complaint(agent, "my account is locked and my order is late, this is ridiculous")[rule] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # "so ..." after a greeting with the customer's name still opens a playback
    ("@user Hi Derek, so the hinge snapped at 14 months and the store said the warranty had run out?", "pass"),
    ("If we understand correctly, the hinge snapped at 14 months and the store refused a repair?", "pass"),
    # a name after thanks opens nothing: "your" here starts an instruction
    ("Thanks Derek, your nearest store can book it in.", "fail"),
])
def test_a_playback_after_a_greeting_with_a_name(agent, verdict):
    assert after_complaint(agent, "the laptop hinge snapped at 14 months and the store said the warranty had run out")[
        "restatement"] == verdict


@pytest.mark.parametrize("chat, verdict", [
    # the customer protests being cut off: the agent turn they answer cut in, timed or not
    ("Customer: my payment went out but the app says failed and now they say if I don't\n"
     "Agent: Failed payments are reversed in 3-5 days.\nCustomer: let me finish?? they'll cut me off on Monday",
     "fail"),
    ("Customer: I rang yesterday and\nAgent: What's your account number?\nCustomer: I wasn't finished. I rang yesterday",
     "fail"),
    # asking for a manager, or a service cut off, is no protest about the agent
    ("Customer: my power is off\nAgent: Sorry, let me check.\nCustomer: they cut me off without warning, let me speak "
     "to a manager", "na"),
])
def test_the_customer_protests_being_cut_off(chat, verdict):
    assert statuses(chat)["no-interruption"] == verdict


@pytest.mark.parametrize("customer, agent, rule, verdict", [
    # a fresh set of blind threads, in our own words
    ("my renewal came through at £700. last year I paid £420. are you having a laugh", "Thanks for getting in touch.",
     "apology", "fail"),
    ("cancel my broadband, I've been on hold for an hour", "Before I do, what's making you want to leave?",
     "open-question", "pass"),
    ("someone took £90 from my account", "For your security we're unable to discuss account details here. Please "
     "call our fraud team.", "no-contradiction", "pass"),
    ("the courier says they never got my bag", "Our tracking shows the bag was handed to our delivery partner at 6am. "
     "Please call them on 0800 000 000 for a time.", "no-contradiction", "pass"),
    ("you charged me for the annual plan", "Our records show the plan wasn't cancelled before the trial ended.",
     "solution-offered", "fail"),
    ("my parcel is missing", "Once it leaves our warehouse it is handled by Parcelfast, so they can help with "
     "redelivery.", "solution-offered", "fail"),
    ("my meter reading was wrong", "Sorry, is that 31842 or 31824?", "apology", "fail"),
    ("my save file is corrupted since the patch", "The fix is in hotfix 2.1, due next week, and it restores the slot.",
     "solution-offered", "pass"),
])
def test_a_fresh_set_of_blind_threads(customer, agent, rule, verdict):
    assert after_complaint(agent, customer)[rule] == verdict


@pytest.mark.parametrize("customer, problem", [
    # 2016-2018 style complaints told as plain facts, in our own words
    ("my tracks keep jumping to the next song", True),
    ("the tills keep freezing halfway through my shop", True),
    ("I keep getting kicked off the wifi", True),
    ("been trying to pay this bill for an hour", True),
    ("our broadband has been out for two days now", True),
    ("the electricity went out again on our street", True),
    ("my curry came with no rice", True),
    ("there was no milk in the delivery", True),
    ("there's no wifi on this train again", True),
    ("curry cold, naan soggy. 90 mins for this", True),
    ("parcel has been stuck at the depot in Leeds for 6 days", True),
    ("topped up this morning and 200 bob gone already", True),
    ("you lot are robbing us with these roaming fees", True),
    # habits, plans, praise and questions with the same words
    ("I keep coming back because the staff are lovely", False),
    ("I'll keep trying the app tonight and let you know how I get on", False),
    ("please keep making the vegan range", False),
    ("I had no problems with the install, thanks", False),
    ("could you make sure there's no receipt in the bag? it's a present", False),
    ("I keep listening to the new album on repeat", False),
])
def test_problem_raised_in_older_thread_shapes(customer, problem):
    assert problem_heard(customer) is problem


@pytest.mark.parametrize("agent, rule, verdict", [
    # blame in older thread shapes, in our own words
    ("That was a supplier mistake and we've told them.", "no-blame-shifting", "fail"),
    ("Our drivers are independent contractors and are responsible for their own behaviour.",
     "no-blame-shifting", "fail"),
    ("The minutes were used by your tablet's updates, not by Vodacom.", "no-blame-shifting", "fail"),
    ("Our records show the booking was cancelled from your account on the 2nd.", "no-blame-shifting", "fail"),
    # the same words where the agent's side owns or acts
    ("We made a mistake with the supplier order, sorry. I'll put it right today.", "no-blame-shifting", "pass"),
    ("Our records show the payment came from your card and we'll refund it today.", "no-blame-shifting", "pass"),
    ("Our records show it was delivered at 11:02.", "no-blame-shifting", "pass"),
    # a charge asserted as right disputes the customer
    ("Our minute charging is accurate.", "no-contradiction", "fail"),
    # a step they can take, a re-bill, and a rule that is not a remedy
    ("To stop the alerts, text STOP to 80808.", "solution-offered", "pass"),
    ("We'll re-bill you from the meter photo you sent.", "solution-offered", "pass"),
    ("A fee applies when a booking is cancelled within 24 hours.", "solution-offered", "fail"),
    # the time it will take to land is a follow-up
    ("I've refunded the £30, it'll take 3-5 working days to reach your card.", "follow-up", "pass"),
])
def test_older_thread_shapes_of_blame_and_remedy(agent, rule, verdict):
    assert after_complaint(agent, "I was charged twice and my order never came, sort it out")[rule] == verdict


@pytest.mark.parametrize("agent, verdict", [
    # where a thing is now, or why it was moved, is the agent's news, not their point played back
    ("Your parcel is currently at our Leeds depot and goes out on the 9am van.", "fail"),
    ("You were moved to seat 30C because of a change of aircraft.", "fail"),
    # their own view of it, checked back, still restates
    ("So only one of the two is showing in your basket, is that right?", "pass"),
])
def test_status_news_is_not_a_restatement(agent, verdict):
    assert after_complaint(agent, "paid for two items but only one is showing in my basket and my parcel "
                                  "is stuck at the depot")["restatement"] == verdict


@pytest.mark.parametrize("chat, verdict", [
    # the opening message is the complaint the agent plays back, though only a later message is heard as one
    ("Customer: the sofa legs are oak in the photo and walnut on the one that came\n"
     "Agent: So the legs on your sofa came in walnut, not the oak in the photo?\n"
     "Customer: yes and now the delivery team won't take it back, it's a joke\n"
     "Agent: I'll book a collection for Friday.", "pass"),
    # a reply that only asks for details plays nothing back
    ("Customer: the sofa legs are oak in the photo and walnut on the one that came\n"
     "Agent: Could you send us your order number?\n"
     "Customer: 55120 and now the delivery team won't take it back, it's a joke\n"
     "Agent: I'll book a collection for Friday.", "fail"),
])
def test_a_playback_before_the_first_heard_complaint(chat, verdict):
    assert statuses(chat)["restatement"] == verdict


@pytest.mark.parametrize("customer, problem", [
    # a price or a bill the customer finds too high is a complaint, told as plainly as a shop chat does
    ("the delivery charge on this order is way too high", True),
    ("I want to cancel my membership, it's far too expensive now", True),
    ("my statement says I owe $60 more than usual this month", True),
    # a height that is no price, and a question comparing plans, are not
    ("the top shelf is too high for me, where are the kids' books online?", False),
    ("is the family plan more than the single one?", False),
])
def test_a_price_or_bill_too_high(customer, problem):
    assert problem_heard(customer) is problem
