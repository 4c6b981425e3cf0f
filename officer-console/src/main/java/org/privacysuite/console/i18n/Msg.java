package org.privacysuite.console.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The console's words in English; {@code messages/msg_fr.properties} has them in French. */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message("Privacy officer console")
    String appName();

    @Message("Skip to the content")
    String skip();

    @Message("Main")
    String mainNav();

    @Message("Queue")
    String navQueue();

    @Message("Overview")
    String navOverview();

    @Message("Purposes and notices")
    String navPurposes();

    @Message("Authorised agents")
    String navAgents();

    @Message("Signed in as {name}")
    String signedInAs(String name);

    @Message("Sign out")
    String signOut();

    @Message("Français")
    String switchLanguage();

    // queue
    @Message("Requests")
    String queueTitle();

    @Message("Filters")
    String filters();

    @Message("Status")
    String status();

    @Message("Type")
    String type();

    @Message("Jurisdiction")
    String jurisdiction();

    @Message("Source")
    String source();

    @Message("All open")
    String allOpen();

    @Message("Any")
    String any();

    @Message("Overdue only")
    String overdueOnly();

    @Message("Due within 7 days")
    String dueSoon();

    @Message("Apply filters")
    String apply();

    @Message("Counts per status")
    String countsPerStatus();

    @Message("Received")
    String received();

    @Message("Due")
    String due();

    @Message("Time left")
    String timeLeft();

    @Message("Request")
    String request();

    @Message("No request matches these filters.")
    String noRequests();

    @Message("Next page")
    String nextPage();

    @Message("First page")
    String firstPage();

    @Message("{#when days}{#is 0}due today{#is 1}1 day left{#else}{days} days left{/when}")
    String daysLeft(int days);

    @Message("{#when days}{#is 1}overdue by 1 day{#else}overdue by {days} days{/when}")
    String overdueBy(int days);

    @Message("web form")
    String sourceWEB();

    @Message("account closure")
    String sourceACCOUNT_CLOSURE();

    @Message("authorised agent")
    String sourceAUTHORISED_AGENT();

    // request page
    @Message("{type} request")
    String requestTitle(String type);

    @Message("Requester and proof of identity")
    String requester();

    @Message("Message")
    String requestMessage();

    @Message("Deadline")
    String deadline();

    @Message("Acknowledge by")
    String acknowledgeBy();

    @Message("Extended on {at}: {reason}")
    String extended(String at, String reason);

    @Message("Not extended; one extension is allowed.")
    String notExtended();

    @Message("Participants")
    String participants();

    @Message("Service")
    String service();

    @Message("Answer")
    String answer();

    @Message("waiting")
    String waiting();

    @Message("Asked {asks} times, last on {at}")
    String asked(int asks, String at);

    @Message("Deferred until {until}")
    String deferredUntil(String until);

    @Message("Record type")
    String recordType();

    @Message("Action")
    String action();

    @Message("Records")
    String count();

    @Message("Retained")
    String retained();

    @Message("Corrections by field")
    String fieldResults();

    @Message("Field")
    String field();

    @Message("Correct {field} to")
    String correction(String field);

    @Message("Objects to")
    String objectsTo();

    @Message("direct marketing, and the profiling for it (GDPR Art. 21(2))")
    String objectionDIRECT_MARKETING();

    @Message("the sale or sharing of personal data (CCPA opt-out)")
    String objectionSALE_OR_SHARING();

    @Message("found from a proven identity: {how}")
    String resolvedBy(String how);

    @Message("Legal basis")
    String legalBasis();

    @Message("Until")
    String until();

    @Message("Stalled: {reason}")
    String stalled(String reason);

    @Message("Denied: {reason}")
    String denied(String reason);

    @Message("Reply sent")
    String replySent();

    @Message("Audit trail")
    String audit();

    @Message("When")
    String when();

    @Message("Who")
    String who();

    @Message("Change")
    String change();

    @Message("Actions")
    String actions();

    @Message("Approve")
    String approve();

    @Message("Deny")
    String deny();

    @Message("Extend the deadline")
    String extend();

    @Message("Reply")
    String reply();

    @Message("Close")
    String close();

    @Message("Ask again")
    String reask();

    @Message("Back to the request")
    String backToRequest();

    @Message("Confirm: {what}")
    String confirmTitle(String what);

    @Message("Confirm")
    String confirm();

    @Message("Cancel")
    String cancel();

    @Message("Reason")
    String reason();

    @Message("Details")
    String details();

    @Message("Choose a reason")
    String chooseReason();

    @Message("The identity could not be verified")
    String denyIdentity();

    @Message("Manifestly unfounded or excessive")
    String denyExcessive();

    @Message("A legal obligation requires keeping the data")
    String denyLegalObligation();

    @Message("The request is outside the law's scope")
    String denyScope();

    @Message("Other (explain below)")
    String denyOther();

    @Message("Extend by")
    String extendBy();

    @Message("{#when months}{#is 1}1 month{#else}{months} months{/when}")
    String months(int months);

    @Message("Under CCPA the deadline moves by 45 days.")
    String extensionCCPA();

    @Message("Under PIPEDA, the deadline moves back by 30 days; the person is told of the right to complain to the Privacy Commissioner of Canada.")
    String extensionPIPEDA();

    @Message("Ask {service} again for its answer to this request?")
    String reaskQuestion(String service);

    @Message("Approve this request? Its participants are asked at once.")
    String approveQuestion();

    @Message("Close this request?")
    String closeQuestion();

    @Message("Please fill in: {field}")
    String required(String field);

    @Message("Done: {what}.")
    String done(String what);

    @Message("Authorised agent (DRP)")
    String drp();

    @Message("Agent")
    String agent();

    @Message("Status callback")
    String callback();

    @Message("{#when state}{#is 'delivered'}the agent has the current status{#is 'pending'}pending, {attempts} attempts{#is 'given-up'}given up after {attempts} attempts{#else}no callback address{/when}")
    String callbackState(String state, int attempts);

    // purposes
    @Message("Purposes and notices")
    String purposesTitle();

    @Message("Purpose")
    String purpose();

    @Message("Notice version")
    String noticeVersion();

    @Message("Consent again from version")
    String reconsentFrom();

    @Message("GPC opts out")
    String gpcGoverned();

    @Message("Direct marketing")
    String directMarketing();

    @Message("Required")
    String requiredPurpose();

    @Message("yes")
    String yes();

    @Message("no")
    String no();

    @Message("Notice history")
    String history();

    @Message("Version")
    String version();

    @Message("Published")
    String published();

    @Message("Material change")
    String materialChange();

    @Message("Edit the notice")
    String editNotice();

    @Message("Title")
    String title();

    @Message("Description")
    String description();

    @Message("People must consent again (a material change)")
    String reconsentCheckbox();

    @Message("Direct marketing, or profiling for it: an objection to direct marketing refuses this purpose")
    String directMarketingCheckbox();

    @Message("Save")
    String save();

    @Message("Version {version} is published. People who consented to an earlier version must consent again.")
    String savedReconsent(int version);

    @Message("Version {version} is published. Earlier consents still count.")
    String savedNoReconsent(int version);

    @Message("Nothing in the notice changed: it stays at version {version}.")
    String savedUnchanged(int version);

    // agents
    @Message("Authorised agents")
    String agentsTitle();

    @Message("Agent id")
    String agentId();

    @Message("Name")
    String name();

    @Message("Verify key")
    String verifyKey();

    @Message("Changed")
    String updated();

    @Message("Active tokens")
    String activeTokens();

    @Message("No agent is onboarded.")
    String noAgents();

    @Message("Onboard an agent")
    String onboard();

    @Message("Its libsodium Ed25519 verify key, base64")
    String verifyKeyHint();

    @Message("Remove")
    String remove();

    @Message("Remove agent {id}? Its tokens stop working.")
    String removeQuestion(String id);

    // overview
    @Message("Overview")
    String overviewTitle();

    @Message("Requests by status")
    String byStatus();

    @Message("Open requests by type")
    String openByType();

    @Message("Overdue")
    String overdue();

    @Message("Median days to fulfil (last 90 days)")
    String median();

    @Message("Stalled participants")
    String stalledParticipants();

    @Message("none yet")
    String noneYet();

    // errors
    @Message("Not for you")
    String forbiddenTitle();

    @Message("Only privacy officers may use this console. Sign out and sign in as a privacy officer.")
    String forbidden();

    @Message("That did not work")
    String failedTitle();

    @Message("The service answered: {detail}")
    String failed(String detail);

    @Message("Not found")
    String notFoundTitle();

    @Message("There is no such page or request.")
    String notFound();
}
