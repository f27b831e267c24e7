"""The phrase-based checks on the traps that behaviours.md names."""

from __future__ import annotations

import pytest

from turncheck import Checker, load_rules

from helpers import chat

CHECKER = Checker(load_rules())


def statuses(text: str) -> dict[str, str]:
    return {r.id: r.status for r in CHECKER.check(chat(text)).rules}


def result(text: str, rule: str):
    return next(r for r in CHECKER.check(chat(text)).rules if r.id == rule)


def problem_heard(customer: str, agent: str = "Thanks for telling us.") -> bool:
    """Whether the customer's turn raises a problem (the problem-dependent rules are then not n/a)."""
    return statuses(f"Customer: {customer}\nAgent: {agent}")["apology"] != "na"


def after_complaint(agent: str, complaint: str = "My order arrived broken and I'm really annoyed.") -> dict[str, str]:
    """Statuses when ``agent`` replies to a customer's complaint."""
    return statuses(f"Customer: {complaint}\nAgent: {agent}")


@pytest.mark.parametrize("agent,expected", [
    ("I'm so sorry about that.", "pass"),
    ("I’m sorry to hear that.", "pass"),                # curly apostrophe
    ("im sorry to hear that", "pass"),                   # no apostrophe, no capitals
    ("My apologies for the trouble.", "pass"),
    ("We apologize for the inconvenience.", "pass"),     # US spelling
    ("We regret the inconvenience.", "pass"),
    ("We feel terrible that this happened.", "pass"),    # regret without "sorry"
    ("Lo sentimos mucho, ¿nos envías tu número de pedido?", "pass"),   # non-English counts the same
    ("Es tut uns leid!", "pass"),
    ("We hate that your delivery went this way.", "pass"),
    ("I'm sad to hear the screen cracked.", "pass"),
    ("That's not the kind of experience we want you to have.", "pass"),
    ("Oh no! What's the order number?", "fail"),         # an interjection is not regret
    ("Sorry, could you repeat that?", "fail"),           # clarification
    ("Sorry, what was the order number?", "fail"),
    ("I'm not going to apologise for our policy.", "fail"),
    ("No need to apologise!", "fail"),
])
def test_apology(agent, expected):
    s = statuses(f"Customer: My parcel never arrived and I'm annoyed.\nAgent: {agent}")
    assert s["apology"] == expected


def test_apology_na_without_a_problem():
    assert statuses("Customer: What time do you open?\nAgent: Sorry, we open at nine.")["apology"] == "na"


def test_apology_fail_points_at_the_complaint_and_near_miss():
    r = result("Customer: My parcel never arrived.\nAgent: Sorry, what was the order number?\nCustomer: 123.\n"
               "Agent: Thanks.", "apology")
    assert r.status == "fail"
    assert r.trigger is not None and r.trigger.turn == 0 and r.trigger.role == "customer"
    assert "parcel never arrived" in r.trigger.quote
    assert r.near_miss is not None and r.near_miss.turn == 1 and r.near_miss.similarity is not None
    assert "turn 0" in r.message


def test_evidence_quote_matches_span():
    r = result("Customer: My order is late.\nAgent: Hello. I'm so sorry about that. Let me check.", "apology")
    ev = r.evidence[0]
    assert ev.turn == 1 and ev.role == "agent"
    assert ev.quote == "Hello. I'm so sorry about that. Let me check."[ev.span[0]:ev.span[1]]
    assert "sorry" in ev.quote


@pytest.mark.parametrize("agent,expected", [
    ("DM us your order number and we'll take a look.", "pass"),
    ("I'll call you back on Thursday.", "pass"),
    ("You'll get an email confirmation within 24 hours.", "pass"),
    ("Your case number is 48213, reach me at ext. 4411.", "pass"),
    ("Please DM us.", "fail"),
    ("Please call the billing team.", "fail"),
    ("Is there anything else I can help with?", "fail"),
    # what happens next, said without "will"
    ("The new card is on its way; you should get it in two to four working days.", "pass"),
    ("The new card is on its way; you should be able to receive it in two to four working days.", "pass"),
    ("You should hear back from the claims desk by Monday.", "pass"),
    ("Our engineers are working to restore the service.", "pass"),
    ("We'd be happy to look into the charge with you over DM.", "pass"),
    ("It should have been received by now.", "fail"),
    ("You should get in touch with the shop.", "fail"),
])
def test_follow_up(agent, expected):
    assert statuses(f"Customer: My refund never arrived.\nAgent: {agent}")["follow-up"] == expected


@pytest.mark.parametrize("agent,expected", [
    ("That's the courier's fault, you'll need to contact them.", "fail"),
    ("You should have read the terms.", "fail"),
    ("You must have entered it wrong.", "fail"),
    ("The carrier shows a delay; I'm opening a trace and sending a replacement today.", "pass"),
    ("I'm sorry, I'll contact the courier for you and get back to you today.", "pass"),
])
def test_no_blame_shifting(agent, expected):
    assert statuses(f"Customer: My parcel never arrived.\nAgent: {agent}")["no-blame-shifting"] == expected


@pytest.mark.parametrize("agent,blame,contradiction", [
    # the cause put on the customer's side, or on a partner, as a general rule
    ("Stuttering like that is nearly always caused by a weak home network; your broadband provider can help.",
     "fail", "pass"),
    ("Sorry, this is down to the marketplace seller, they set the price.", "fail", "pass"),
    ("The fault is theirs, not ours.", "fail", "pass"),
    ("The cut-off date is clearly stated on the booking page.", "fail", "fail"),
    # the customer told they are wrong, however politely
    ("With respect, our logs show the order was never placed.", "pass", "fail"),
    ("The letter isn't misleading, the fee is on page two.", "pass", "fail"),
    ("Accounts don't get frozen for no reason.", "pass", "fail"),
    ("There's no need to raise your voice.", "pass", "fail"),
    ("I can't do anything about those fees.", "pass", "fail"),
    # facts about a partner, and owning the fault
    ("Once it's refunded, it's down to your bank how fast it shows, usually 3-5 days.", "pass", "pass"),
    ("That was our system's mistake and I've corrected it.", "pass", "pass"),
])
def test_more_ways_to_blame_and_to_contradict(agent, blame, contradiction):
    s = statuses(f"Customer: My account was frozen and the fee is wrong.\nAgent: {agent}")
    assert (s["no-blame-shifting"], s["no-contradiction"]) == (blame, contradiction)


def test_customer_blaming_the_courier_is_not_agent_blame():
    s = statuses("Customer: The courier lost it, it's their fault.\nAgent: I'm sorry, I'll send a new one today.")
    assert s["no-blame-shifting"] == "pass"


def test_restatement_pass_and_bare_acknowledgement():
    base = "Customer: My package still hasn't arrived and it's been two weeks.\n"
    assert statuses(base + "Agent: So the package still hasn't arrived after two weeks?")["restatement"] == "pass"
    assert statuses(base + "Agent: I understand. Got it.")["restatement"] == "fail"


def test_restatement_number_only_is_not_enough():
    s = statuses("Customer: I was charged twice for order 88231.\nAgent: Order 88231, got it.")
    assert s["restatement"] == "fail"


def test_timeline_each_promise_needs_a_time():
    base = "Customer: My refund is missing.\n"
    assert statuses(base + "Agent: I'll call you back tomorrow.")["timeline"] == "pass"
    assert statuses(base + "Agent: I'll call you back tomorrow. We'll also look into the fee.")["timeline"] == "fail"
    assert statuses(base + "Agent: Let me check that.")["timeline"] == "na"


@pytest.mark.parametrize("agent,expected", [
    # promises said in the present tense or with a short form, each with its when
    ("Your replacement ships on Monday.", "pass"),
    ("The credit lands within two working days.", "pass"),
    ("Our claims desk usually replies within 48 hrs.", "pass"),
    ("The refund goes out in tomorrow's batch.", "pass"),
    ("The spare part's ordered and it'll come to the depot in about a week.", "pass"),
    ("I've ordered a new fob, and one'll be there in three days.", "pass"),
    ("I've booked you in with the optician at 9:30.", "pass"),
    ("I'll post the forms today and ring you at 4:15 to go through them.", "pass"),
    ("We'll email the invoice by noon and text you once it's sent, around 11.", "pass"),
    # ... and without it
    ("I've booked you in with the optician.", "fail"),
    ("I'll refund around 20 pounds.", "fail"),
    # not promises
    ("It'll come with a printed guide.", "na"),
    ("The code lands in your inbox.", "na"),
    ("When it arrives, check the seal.", "na"),
])
def test_timeline_hears_more_promises_and_times(agent, expected):
    assert statuses(f"Customer: My order is wrong.\nAgent: {agent}")["timeline"] == expected


def test_positive_no_same_or_next_agent_turn():
    assert statuses("Customer: Refund me.\nAgent: I can't refund it, but I can give you a credit.")["positive-no"] == "pass"
    assert statuses("Customer: Refund me.\nAgent: No, we can't do refunds.")["positive-no"] == "fail"
    assert statuses("Customer: Refund me.\nAgent: No problem, done.")["positive-no"] == "na"


def test_calm_tone():
    assert statuses("Customer: WHERE IS MY ORDER!!\nAgent: I'm sorry, let me check.")["calm-tone"] == "pass"
    assert statuses("Customer: Where is it?\nAgent: AS I SAID, five days.")["calm-tone"] == "fail"
    assert statuses("Customer: Thanks!\nAgent: Any time!!")["calm-tone"] == "fail"


def test_customer_name_from_introduction_and_wrong_name():
    assert statuses("Customer: Hi, my name is Hanna and my parcel is late.\nAgent: Sorry Hanna.")["customer-name"] == "pass"
    assert statuses("Customer: Hi, my name is Hanna and my parcel is late.\nAgent: Sorry Anna.")["customer-name"] == "fail"
    assert statuses("Customer: My parcel is late.\nAgent: Sorry.")["customer-name"] == "na"


def test_thanks_needs_an_agent_turn():
    assert statuses("Customer: Hi, please call me back about my bill.")["thanks"] == "na"


# --- general gaps found by the first measurement on eval/blind-30 (own wording, not the set's) -----------


@pytest.mark.parametrize("reply,agent,expected", [
    ("Marcus Lee, account 5512094", "Thanks Marcus, one moment.", "pass"),     # the name beside other details
    ("0161 496 0000, Helen Moss", "Thanks Helen.", "pass"),                   # the details first
    ("ravi", "Thanks Ravi, let me look.", "pass"),                             # a typed answer in lower case
    ("Marcus Lee, account 5512094", "Thanks, one moment.", "fail"),           # known, never used
    ("yes that's fine", "Thanks, one moment.", "na"),                          # not a name
])
def test_customer_name_from_the_answer_to_a_name_request(reply, agent, expected):
    text = (f"Customer: My broadband keeps dropping out every evening.\n"
            f"Agent: Sorry about that. Could I get your first name and the account number?\n"
            f"Customer: {reply}\nAgent: {agent}")
    assert statuses(text)["customer-name"] == expected


def test_customer_name_from_company_introduction_and_booking_name():
    assert statuses("Customer: Hi, Priyanka from Oakfield Dental here, our card reader is down.\n"
                    "Agent: Sorry to hear that, Priyanka.")["customer-name"] == "pass"
    assert statuses("Customer: I have a table booked for Friday under Tomas Novak and need to move it.\n"
                    "Agent: Of course Mr Novak, which day suits?")["customer-name"] == "pass"


def test_a_weekday_is_not_a_name():
    text = ("Customer: Our recycling still hasn't been collected and it's Wednesday already.\n"
            "Agent: I'm sorry, I'll book a collection for tomorrow.")
    assert statuses(text)["customer-name"] == "na"


def test_the_date_of_a_promise_is_its_time():
    text = ("Customer: My boiler service never happened.\n"
            "Agent: Sorry about that. Our engineer will come out on the morning of the 14th.")
    assert statuses(text)["timeline"] == "pass"


def test_announcing_a_plan_is_not_itself_a_promise():
    text = ("Customer: My windscreen was cracked in your car park.\n"
            "Agent: I'm sorry. Here's what I'll do. I'll log the claim today and call you by 5pm.")
    assert statuses(text)["timeline"] == "pass"


@pytest.mark.parametrize("agent,expected", [
    ("Sorry the show was cancelled, that's disappointing. Which seats did you have?", "fail"),  # not our action
    ("The late fee can't be removed by us.", "fail"),                                          # refused
    ("Ticket number?", "fail"),                                                               # a question
    ("So you're after a refund for both nights?", "fail"),                                    # restating the ask
    ("I've removed the late fee from your account.", "pass"),
])
def test_solution_offered_needs_the_agents_own_remedy(agent, expected):
    text = f"Customer: I was charged a late fee and my show got cancelled, it's a mess.\nAgent: {agent}"
    assert statuses(text)["solution-offered"] == expected


def test_denying_fault_is_not_an_apology():
    text = "Customer: My delivery is three days late.\nAgent: That delay was not our fault, the roads were closed."
    assert statuses(text)["apology"] == "fail"


def test_reporting_card_fraud_raises_a_problem():
    text = ("Customer: There are two payments on my card from a shop in Glasgow and I've never been to Glasgow.\n"
            "Agent: I'm sorry, I'll block the card now and send a new one within 3 days.")
    assert statuses(text)["apology"] == "pass"


@pytest.mark.parametrize("customer,problem", [
    # problems said without the usual failure words
    ("I asked for a double duvet cover and you sent me a single.", True),
    ("ordered two large pizzas, got one small margherita lol", True),
    ("the voucher says invalid at checkout", True),
    ("your app keeps logging me out mid-payment", True),
    ("every film is buffering every few minutes tonight", True),
    ("Our train booking got cancelled by you with no notice, please someone help", True),
    ("why is there a £40 admin fee on my statement??", True),
    ("£12.99 has come out of my account for a plan I never picked", True),
    ("The boiler's fault light has been flashing since Sunday.", True),
    ("The recliner squeaks worse than before the repair.", True),
    ("It's totally ruined our weekend away.", True),
    ("The recycling was missed again, third week in a row.", True),
    ("My shopping arrived without the milk.", True),
    ("Since the upgrade I can't print anything.", True),
    ("We've had no broadband since Tuesday.", True),
    # not problems
    ("Streams perfectly with zero buffering now, great update!", False),
    ("Shoutout to the engineer who had us back online in an hour and explained what was wrong.", False),
    ("Kudos to Sam, the delivery came out of nowhere early!", False),
    ("Can you tell me when the summer menu comes out?", False),
    ("How do I add my partner to the account?", False),
])
def test_problem_raised_by_more_wordings(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,expected", [
    ("Reopening a closed case isn't an option for us, but I can raise a fresh one for you now.", "pass"),
    ("Reopening a closed case isn't an option for us.", "fail"),
    ("Receipts aren't accepted by email once the claim is closed.", "fail"),
    ("Parking fines are not handled here.", "fail"),
    ("We couldn't move the date this late, but what I can do is add a free night.", "pass"),
    ("I couldn't agree more, let me sort that now.", "na"),   # not a refusal
])
def test_positive_no_hears_more_ways_of_saying_no(agent, expected):
    text = f"Customer: My claim was closed without anyone calling me and I'm fuming.\nAgent: {agent}"
    assert statuses(text)["positive-no"] == expected


@pytest.mark.parametrize("agent,rule,expected", [
    ("Oh no, a cancelled flight the day before a wedding is a real headache.", "empathy", "pass"),
    ("That's gutting after all the planning.", "empathy", "pass"),
    ("Let me check the booking.", "empathy", "fail"),
    ("What changed before it started failing, a new router or a move?", "open-question", "pass"),
    ("Is the router switched on?", "open-question", "fail"),
])
def test_more_empathy_words_and_what_changed_questions(agent, rule, expected):
    text = f"Customer: My connection keeps failing and my flight was cancelled too, I'm fed up.\nAgent: {agent}"
    assert statuses(text)[rule] == expected


@pytest.mark.parametrize("agent,expected", [
    ("Ah, that's annoying.", "pass"),
    ("I appreciate this is frustrating.", "pass"),
    ("What a nuisance, especially with guests arriving tonight.", "pass"),
    ("I can totally see why you'd be worried.", "pass"),
    ("I know you're short on time, so I'll be quick.", "pass"),
    ("A cold dinner after a long wait is the worst.", "pass"),
    ("Ugh, not good.", "pass"),
    ("Let me check the order.", "fail"),
    ("I know the order number.", "fail"),
])
def test_empathy_in_plain_words(agent, expected):
    text = f"Customer: My dinner arrived cold and an hour late, and I have guests coming.\nAgent: {agent}"
    assert statuses(text)["empathy"] == expected


@pytest.mark.parametrize("agent,expected", [
    ("We're so sorry your parcel came two days late and the lid was cracked.", "pass"),
    ("We're so sorry you had to wait.", "fail"),   # a cue and one shared word is not a restatement
])
def test_restatement_inside_an_apology(agent, expected):
    text = f"Customer: parcel two days late and the lid is cracked, not impressed\nAgent: {agent}"
    assert statuses(text)["restatement"] == expected


def _call(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize("text,expected", [
    # speech-to-text: no capitals, fillers before the name, other details after it
    (_call("Customer: hi um my card got swallowed by the machine",
           "Agent: oh no sorry about that can i take your name and sort code please",
           "Customer: yeah it's martin hale and the sort code is two zero",
           "Agent: thanks martin one moment"), "pass"),
    (_call("Customer: hi there's a charge on my account i don't know",
           "Agent: okay name please",
           "Customer: lena fox",
           "Agent: right let me look at that for you"), "fail"),
    # the agent checks who is calling and the customer confirms
    (_call("Agent: hello you're through to the claims line am i speaking with mr dlamini",
           "Customer: yes that's me",
           "Customer: my claim has been stuck for a month",
           "Agent: sorry to hear that mr dlamini let me check"), "pass"),
])
def test_customer_name_in_speech_to_text_calls(text, expected):
    assert statuses(text)["customer-name"] == expected


@pytest.mark.parametrize("text,expected", [
    # the agent addresses the customer by a name no turn gives (from a profile, a DM, a caller ID)
    (_call("Customer: @brand the app eats my playlists every time it updates",
           "Agent: That's not good, Priya! Which phone are you on?"), "pass"),
    (_call("Customer: hi i need to move money between my accounts",
           "Agent: sure mrs okoro how much are we moving"), "pass"),
    (_call("Customer: My refund hasn't come through.",
           "Agent: Hi, Jordan here from the billing team. I'll check it now."), "na"),   # the agent's own name
    (_call("Customer: My refund hasn't come through.",
           "Agent: Sorry about that, sir. I'll check it now."), "na"),
    # a name request answered in other ways
    (_call("Customer: My certificate never arrived.",
           "Agent: Sorry, could you spell your surname for me?",
           "Customer: D-U-F-F-Y.",
           "Agent: Thanks Ms Duffy, I'll resend it now."), "pass"),
    (_call("Customer: i've been locked out of my online banking",
           "Agent: can i get your name and date of birth",
           "Customer: [inaudible] it's dora kemp third of may eighty one",
           "Agent: okay let me unlock that"), "fail"),
    (_call("Customer: My order is missing a lamp.",
           "Agent: Can you verify the name on the order?",
           "Customer: Ana Lucia Reyes",
           "Agent: Thank you, Ana Lucia."), "pass"),
    # a bare name closing a message counts when the agent uses it ...
    (_call("Customer: The sofa arrived with a torn cushion. Ngozi",
           "Agent: Sorry to see that, Ngozi. A new cover goes out tomorrow."), "pass"),
    (_call("Customer: The sofa arrived with a torn cushion. Unbelievable",
           "Agent: Sorry to see that. A new cover goes out tomorrow."), "na"),
    # ... and a capitalised first word of a sentence is not a use of the name
    (_call("Customer: Hi, my name is Will and my booking is wrong.",
           "Agent: Will do. I'll fix the booking now."), "fail"),
])
def test_customer_name_known_in_more_ways(text, expected):
    assert statuses(text)["customer-name"] == expected


@pytest.mark.parametrize("customer,expected", [
    ("we're moving house in june and i wanted to ask if accidental damage is covered during the move", "na"),
    ("the removal men dropped my tv and cracked it, is accidental damage covered", "pass"),
])
def test_asking_about_damage_cover_is_not_reporting_damage(customer, expected):
    text = f"Customer: {customer}\nAgent: I'm sorry, let me check your policy."
    assert statuses(text)["apology"] == expected


@pytest.mark.parametrize("agent,expected", [
    ("We can't restore saves lost to a crash.", "fail"),                       # a refused remedy is none
    ("We're unable to reset that from our side.", "fail"),
    ("Bookings are run by our partner, you'll need to contact them to rebook.", "fail"),  # a redirect
    ("Try lowering the print speed to 60% and see if it settles.", "pass"),    # a troubleshooting step
    ("I've reset your password, check your inbox.", "pass"),
])
def test_a_negated_or_redirected_remedy_is_not_one(agent, expected):
    text = f"Customer: My game progress is gone and the printer keeps jamming, this is useless.\nAgent: {agent}"
    assert statuses(text)["solution-offered"] == expected


@pytest.mark.parametrize("agent,expected", [
    ("i'm going to freeze the account now and post you a new card", "pass"),   # "now" is a when
    ("I'll leave it there for now and chase the courier.", "fail"),            # "for now" is not
    ("I'll just need your postcode.", "na"),                                   # asking, not promising
])
def test_now_is_a_time_and_needing_details_is_no_promise(agent, expected):
    text = f"Customer: Someone has used my card details online.\nAgent: {agent}"
    assert statuses(text)["timeline"] == expected


# --- general gaps found by the first measurement on eval/blind-40r and blind-40h (own wording) ------------


@pytest.mark.parametrize("agent,rule,expected", [
    # open questions, and a yes/no one dressed as open
    ("Could you tell us a bit about how the heater is wired?", "open-question", "pass"),
    ("What's been happening with the heating since the visit?", "open-question", "pass"),
    ("A new part tomorrow or a refund today: which would suit you better?", "open-question", "pass"),
    ("Can you tell me if the light on the unit is red?", "open-question", "fail"),
    # remedies said with "we'll", offers, choices and what can be done instead
    ("We'll re-gas the unit free of charge.", "solution-offered", "pass"),
    ("Would you like me to book an engineer for Friday?", "solution-offered", "pass"),
    ("We can't visit at the weekend, but we can talk you through a reset by phone instead.",
     "solution-offered", "pass"),
    ("I'm afraid I can't change the engineer's report.", "solution-offered", "fail"),
    ("That's not something we can fix from here.", "solution-offered", "fail"),
    ("You're through to the Westgate credit union helpline.", "solution-offered", "fail"),
    # follow-ups that are hedged, and one by a named colleague
    ("Someone may be in touch if they need more details.", "follow-up", "fail"),
    ("Priya will message you a photo of the part tomorrow.", "follow-up", "pass"),
    # apologies that are not, and one without "sorry"
    ("Sorry to jump in, which model is it?", "apology", "fail"),
    ("I'm sorry you found the manual hard to follow.", "apology", "fail"),
    ("That's not the experience we want you to have.", "apology", "pass"),
])
def test_blind_40_gaps(agent, rule, expected):
    text = f"Customer: The heater broke again a week after your engineer's visit.\nAgent: {agent}"
    assert statuses(text)[rule] == expected


@pytest.mark.parametrize("customer", [
    "the plumber was a no-show again", "my parcel was left out in the rain and it's soaked",
    "the room was filthy when we checked in", "the seat I paid extra for was given to someone else",
    "I've been double billed for June", "my train got moved to 5am without any warning",
    "the valet scratched my car", "the chicken was undercooked", "my account got suspended for no reason",
    "the boots fell apart after a week", "the cash machine swallowed my card", "the battery drains in an hour",
    "the carriage was so overcrowded we had to stand", "the hire car had a flat tyre",
    "the drilling next door is unbearable and you said it would stop by noon", "the agent was rude and hung up",
    "the wifi is so slow I can't work", "you sent the small one instead of the large",
    # found by the first measurement on blind-30c/30d, in other words
    "the repair still isn't ready", "4th time I've asked", "the veneer is coming away at the corner",
    "stayed two nights, not impressed", "the tablet gets hot since the update", "the batteries aren't in the box",
    "the gutters weren't done at all", "there's a scratch on the lid that wasn't there before",
    "I was mortified when the wrong cake turned up", "I'm so cross about the mud on the stairs",
    # what happened, told without the usual words
    "the sacks of compost came split open", "the fridge makes a grinding noise at night",
    "the kitchen lights flicker since your electrician came", "there's a smell of burning from the dryer",
    "the fitter left the back gate open and the dog got out", "they took my money for a class I cancelled",
    "the yoghurt was out of date when it arrived", "I got somebody else's invoice",
    "the decorator didn't clean up after himself", "the gym took the fee twice this month",
])
def test_problem_raised_in_everyday_complaint_words(customer):
    assert problem_heard(customer)


@pytest.mark.parametrize("customer", [
    "Thank you so much for sorting everything out so fast",
    "I'd like to cancel my order please, I found it cheaper elsewhere",
    "Can I collect my order from the store instead of delivery?",
    "Does the hotel have parking?",
    "Can I try a taster lesson first? I don't want to end up in the wrong class.",
    "i'd like to set up a payment twice a month", "I'm thinking of switching to your broadband",
    "we'd love twice as many seats next year",
])
def test_requests_and_thanks_raise_no_problem(customer):
    assert not problem_heard(customer, agent="Of course.")


@pytest.mark.parametrize("agent,rule,expected", [
    ("If it happens again, reply to this email and it comes straight to me.", "follow-up", "pass"),
    ("We'll cover the cost of the repair.", "solution-offered", "pass"),
    ("What a let-down after waiting so long.", "empathy", "pass"),
])
def test_way_back_cost_covered_and_let_down(agent, rule, expected):
    assert after_complaint(agent)[rule] == expected


@pytest.mark.parametrize("agent,rule,expected", [
    ("@user We've passed this along to our team. ^KT", "follow-up", "pass"),
    ("@user As we've said before, this is working as intended.", "no-contradiction", "fail"),
    ("@user There's nothing more we can do here.", "no-contradiction", "fail"),
    ("@user This is expected behaviour.", "no-contradiction", "fail"),
    ("@user We'll look into this for you.", "no-contradiction", "pass"),
    ("okay what seems to be the problem", "open-question", "pass"),   # speech-to-text: no question mark
])
def test_social_media_and_call_wording(agent, rule, expected):
    assert statuses(f"Customer: @brand my order arrived broken, really annoyed\nAgent: {agent}")[rule] == expected


# --- general gaps found by the first measurement on eval/blind-30c and blind-30d (own wording) ------------


@pytest.mark.parametrize("agent,rule,expected", [
    # thanks inside an unpunctuated call turn
    ("you're welcome thanks for calling northgate", "thanks", "pass"),
    ("no thank you for bearing with me your reference is k l two", "thanks", "pass"),
    ("no thank you I'm fine", "thanks", "fail"),
    # chat spellings of thanks
    ("Thank u for waiting, it's sorted.", "thanks", "pass"),
    ("We're thankful you told us.", "thanks", "pass"),
    # promises and times
    ("The label will land in your inbox within 2hrs.", "timeline", "pass"),
    ("I've told the depot, who'll be in touch to book a slot.", "timeline", "fail"),
    ("They'll need to raise it with the seller.", "timeline", "na"),
    ("I'll send the forms over shortly.", "timeline", "fail"),    # "shortly" says no when
    # refusals, conditions and what is done instead
    ("If it can't be mended we'll pay for a new one.", "positive-no", "na"),
    ("I can't get you on the 6pm, I'm afraid. I've moved you to the 7am at no charge.", "positive-no", "pass"),
    ("We can't print on cotton, but we do sell pre-printed tees.", "positive-no", "pass"),
    ("The delivery fee isn't something we're able to refund.", "positive-no", "fail"),
    # the rest
    ("That's a wasted trip, I'm sorry.", "empathy", "pass"),
    ("I can completely see why you're cross.", "empathy", "pass"),
    ("You can't have closed the door properly.", "no-blame-shifting", "fail"),
    ("How is the leak affecting things at home?", "open-question", "pass"),
    ("Refunds must be requested from the airline directly.", "solution-offered", "fail"),
])
def test_blind_30_gaps(agent, rule, expected):
    text = f"Customer: The boiler broke again and I'm fed up.\nAgent: {agent}"
    assert statuses(text)[rule] == expected


@pytest.mark.parametrize("text,expected", [
    (_call("Customer: My delivery never came. Name's Ola Bright if you need it.",
           "Agent: Sorry, Ola, I'll resend it today."), "pass"),
    (_call("Customer: The groomer cut his ear. His name's Pepper, by the way.",
           "Agent: Pepper, poor thing. I'll refund the groom today."), "na"),   # the dog's name
])
def test_names_given_with_names(text, expected):
    assert statuses(text)["customer-name"] == expected


@pytest.mark.parametrize("agent,expected", [
    ("I've popped a new charger in the post.", "pass"),
    ("I can get a technician to you tomorrow morning.", "pass"),
    ("We'll cover a hotel for tonight and put you on the first flight tomorrow.", "pass"),
    ("I've sorted that for you now.", "pass"),
    ("I've noted your feedback.", "fail"),
    ("I'll pass your comments on.", "fail"),
])
def test_remedies_in_everyday_words(agent, expected):
    assert after_complaint(agent)["solution-offered"] == expected


@pytest.mark.parametrize("agent,rule,expected", [
    ("What's been going wrong with it?", "open-question", "pass"),
    ("how did you find out about the charge", "open-question", "pass"),      # speech-to-text, no "?"
    ("What's the most important thing for you right now?", "open-question", "pass"),
    ("Would Thursday work for you?", "open-question", "fail"),
    ("I'm sorry, that's really not on.", "empathy", "pass"),
    ("I'd feel exactly the same.", "empathy", "pass"),
    ("That's not fair on you at all.", "empathy", "pass"),
    ("Thanks for your patience.", "empathy", "fail"),
])
def test_open_questions_and_empathy_in_everyday_words(agent, rule, expected):
    assert after_complaint(agent)[rule] == expected


@pytest.mark.parametrize("agent,rule,expected", [
    ("I'll ring you back before five.", "timeline", "pass"),
    ("We'll refund you as soon as possible.", "timeline", "fail"),                   # no when
    ("We'll chase it and come back to you as soon as we hear anything.", "timeline", "fail"),
    ("The fix takes an hour and I'll message you as soon as it's live.", "timeline", "pass"),
    ("Keep an eye on your email for the confirmation.", "follow-up", "pass"),
])
def test_vague_and_clock_times(agent, rule, expected):
    assert after_complaint(agent)[rule] == expected


# --- general gaps found by the first measurement on eval/blind-30e and blind-30f (own wording) ------------


@pytest.mark.parametrize("agent,rule,expected", [
    ("The refund should show in 2-4 working days.", "timeline", "pass"),
    ("i've ordered a new one it should get to you in three to five business days", "follow-up", "pass"),
    ("That's most likely down to your router.", "no-blame-shifting", "fail"),
    ("Deliveries there are the responsibility of the building's concierge.", "no-blame-shifting", "fail"),
    ("I'd recommend calling the manufacturer for that.", "no-blame-shifting", "fail"),
    ("You really should have called us straight away.", "no-blame-shifting", "fail"),
    ("The form says 3B, so that's what you entered.", "no-blame-shifting", "fail"),
    ("The courier logged a failed drop on their side, but this is our order and I'm going to sort it.",
     "no-blame-shifting", "pass"),
    ("The box was clearly marked fragile, so that's on us.", "no-blame-shifting", "pass"),
    ("That's not a bug, it's how the export works.", "no-contradiction", "fail"),
    ("I'm afraid that isn't quite right, our log shows a call on Monday.", "no-contradiction", "fail"),
    ("That's not what we want to hear!", "no-contradiction", "pass"),
    ("I'll ring you Friday with whatever the manager decides.", "calm-tone", "pass"),
    ("Whatever.", "calm-tone", "fail"),
])
def test_blind_30ef_gaps(agent, rule, expected):
    assert after_complaint(agent)[rule] == expected


@pytest.mark.parametrize("customer,problem", [
    ("tracking says delivered but there's nothing here, where is my parcel", True),
    ("4 days and the refund is still being processed", True),
    ("I moved away in March and I'm still paying for the old plan", True),
    ("the stool wobbles and one leg is shorter than the others", True),
    ("I specifically asked for no nuts in it", True),
    ("any chance of dark mode on the tablet app?? would love it", False),
    ("the plain blue ones like last time please", False),
])
def test_problem_raised_blind_30ef(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,rule,expected", [
    ("I'll reply here as soon as there's a fix.", "timeline", "fail"),
    ("alright i'm gonna send a reset link to that email", "timeline", "fail"),
    ("You'll get a reminder text the day before.", "timeline", "pass"),
    ("what were you doing when it stopped", "open-question", "pass"),
    ("What's it like when you look further away?", "open-question", "pass"),
    ("Not at the moment, I'm afraid. What I can do is add your vote to the request.", "positive-no", "pass"),
    ("Friday at 9 is already taken, but I can do 11 or Monday at 2.", "positive-no", "pass"),
    ("We can't refund a worn coat, but what we can do is exchange it or give you a gift card.",
     "solution-offered", "pass"),
    ("Bring it in and we'll run a test, and if it's faulty we'll swap it.", "solution-offered", "pass"),
    ("What I'd like to do is book it straight back in tomorrow.", "solution-offered", "pass"),
    ("Moving is hectic enough without paying for a gym you can't use.", "empathy", "pass"),
])
def test_blind_30ef_more_gaps(agent, rule, expected):
    assert after_complaint(agent)[rule] == expected


def test_mister_in_speech_to_text_is_a_title():
    text = _call("Customer: hi it's james okafor i need to book an appointment my card was declined",
                 "Agent: okay mister okafor let me look")
    assert statuses(text)["customer-name"] == "pass"


# --- general gaps found by the first measurement on eval/blind-30g and blind-30h (own wording) ------------


@pytest.mark.parametrize("customer,problem", [
    ("at the desk they made me pay the £30 fee again", True),
    ("The courier took the parcel at 8 and nothing's turned up", True),
    ("they charged more than i was quoted", True),
    ("that's more than i thought actually, nice", False),                  # a balance, not a bill
    ("oh he's out [noise] never mind he can call later", False),
    ("the new serum is lovely, why does the tub smell of lemons, not complaining", False),
    ("didn't know about the filter, that helps. ta", False),
    ("that helped a bit but it still crashes", True),
])
def test_problem_raised_blind_30gh(customer, problem):
    assert problem_heard(customer) == problem


@pytest.mark.parametrize("agent,expected", [
    ("That's something we should have told you when you ordered.", "pass"),   # owning, not blaming
    ("You really should have called us first.", "fail"),
])
def test_should_have_blames_only_the_customer(agent, expected):
    assert after_complaint(agent)["no-blame-shifting"] == expected


def test_filler_after_its_is_not_the_name():
    text = _call("Agent: thank you for calling can i take your name", "Customer: yeah it's uh marcus webb",
                 "Agent: okay thank you mister webb")
    assert statuses(text)["customer-name"] == "pass"


@pytest.mark.parametrize("agent,expected", [
    ("Gate fees aren't refundable once paid.", "fail"),
    ("We aren't able to reverse it.", "fail"),
    ("There's no export option right now, but I can send you the file by email.", "pass"),
    ("We're unable to reissue the code. Can you DM us the locker number so we can check it on our end?", "pass"),
    ("I can't reverse the fee myself. What I will do is take it to my manager today.", "pass"),
    ("So the shop can't find your order at all?", "na"),          # checking what the customer said
])
def test_refusals_and_alternatives_blind_30gh(agent, expected):
    assert after_complaint(agent)["positive-no"] == expected
