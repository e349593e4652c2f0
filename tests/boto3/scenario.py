#!/usr/bin/env python3
"""boto3 against the Chime SDK Messaging emulator.

    python scenario.py --endpoint-url http://127.0.0.1:PORT

Calls every operation of boto3's `chime-sdk-messaging` model that the
emulator implements, checks the answers (values, types, timestamps), the
error codes boto3 reads from failed calls (`ClientError` and the modeled
exception classes), and paging with `NextToken`/`MaxResults`, by hand and
through botocore's paginator. The emulator should be started with
`--verify-signatures --access-key AKIDTEST --secret-key secret`, so that
boto3's SigV4 signatures are checked too (`--expect-verified` then checks
that a wrong secret is refused).

Prints one line per failed check, a summary, and last `N passed, N failed`;
exits 1 if any check failed.
"""

import argparse
import datetime
import sys
import traceback

import boto3
import botocore
import botocore.paginate
from botocore.config import Config
from botocore.exceptions import ClientError

APP = "arn:aws:chime:us-east-1:123456789012:app-instance/boto3-app"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:moderate"
STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/chat"
AKID = "AKIDTEST"
SECRET = "secret"

# The operations the emulator implements (all 51 of the service).
EMULATOR_OPERATIONS = {
    "AssociateChannelFlow",
    "BatchCreateChannelMembership",
    "ChannelFlowCallback",
    "CreateChannel",
    "CreateChannelBan",
    "CreateChannelFlow",
    "CreateChannelMembership",
    "CreateChannelModerator",
    "DeleteChannel",
    "DeleteChannelBan",
    "DeleteChannelFlow",
    "DeleteChannelMembership",
    "DeleteChannelMessage",
    "DeleteChannelModerator",
    "DeleteMessagingStreamingConfigurations",
    "DescribeChannel",
    "DescribeChannelBan",
    "DescribeChannelFlow",
    "DescribeChannelMembership",
    "DescribeChannelMembershipForAppInstanceUser",
    "DescribeChannelModeratedByAppInstanceUser",
    "DescribeChannelModerator",
    "DisassociateChannelFlow",
    "GetChannelMembershipPreferences",
    "GetChannelMessage",
    "GetChannelMessageStatus",
    "GetMessagingSessionEndpoint",
    "GetMessagingStreamingConfigurations",
    "ListChannelBans",
    "ListChannelFlows",
    "ListChannelMemberships",
    "ListChannelMembershipsForAppInstanceUser",
    "ListChannelMessages",
    "ListChannelModerators",
    "ListChannels",
    "ListChannelsAssociatedWithChannelFlow",
    "ListChannelsModeratedByAppInstanceUser",
    "ListSubChannels",
    "ListTagsForResource",
    "PutChannelExpirationSettings",
    "PutChannelMembershipPreferences",
    "PutMessagingStreamingConfigurations",
    "RedactChannelMessage",
    "SearchChannels",
    "SendChannelMessage",
    "TagResource",
    "UntagResource",
    "UpdateChannel",
    "UpdateChannelFlow",
    "UpdateChannelMessage",
    "UpdateChannelReadMarker",
}


def user(uid):
    return f"{APP}/user/{uid}"


ALICE, BOB, CAROL, DAVE, ERIN = (user(u) for u in ("alice", "bob", "carol", "dave", "erin"))


class Checks:
    """Counts checks; a failed one is reported and the scenario goes on."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.http = []  # (operation, HTTP status, request id) of every call boto3 made

    def ok(self, label, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {label}: {detail}", flush=True)
        return condition

    def eq(self, label, got, want):
        return self.ok(label, got == want, f"got {got!r}, want {want!r}")

    def call(self, label, method, **params):
        """The response of a call that must succeed, or None."""
        try:
            response = method(**params)
        except Exception as e:  # noqa: BLE001 - any failure is a finding
            self.ok(label, False, f"{type(e).__name__}: {e}")
            return None
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        self.ok(label, status is not None and 200 <= status < 300, f"HTTP {status}")
        return response

    def error(self, label, code, method, **params):
        """The `ClientError` of a call that must fail with `code`, or None."""
        try:
            response = method(**params)
        except ClientError as e:
            got = e.response.get("Error", {}).get("Code")
            self.eq(f"{label}: error code", got, code)
            return e
        except Exception as e:  # noqa: BLE001
            self.ok(label, False, f"expected {code}, got {type(e).__name__}: {e}")
            return None
        self.ok(label, False, f"expected {code}, got success {response!r}")
        return None

    def record(self, http_response=None, model=None, **_):
        if model is not None:
            status = getattr(http_response, "status_code", 0)
            headers = getattr(http_response, "headers", {}) or {}
            self.http.append((model.name, status, headers.get("x-amzn-RequestId")))


def near_now(value, slack=600):
    now = datetime.datetime.now(datetime.timezone.utc)
    return (
        isinstance(value, datetime.datetime)
        and value.tzinfo is not None
        and abs((value - now).total_seconds()) < slack
    )


def processor(name, order):
    return {
        "Name": name,
        "Configuration": {
            "Lambda": {"ResourceArn": LAMBDA, "InvocationType": "ASYNC"},
        },
        "ExecutionOrder": order,
        "FallbackAction": "CONTINUE",
    }


def paginator(client, operation, result_key):
    """botocore's paginator for `operation`: boto3's own when its model has
    one; otherwise botocore's `Paginator` class with the configuration the
    Smithy model's `@paginated` trait gives (boto3 ships no paginators for
    chime-sdk-messaging)."""
    name = botocore.xform_name(operation)
    if client.can_paginate(name):
        return client.get_paginator(name)
    config = {
        "input_token": "NextToken",
        "output_token": "NextToken",
        "limit_key": "MaxResults",
        "result_key": result_key,
    }
    return botocore.paginate.Paginator(
        getattr(client, name), config, client.meta.service_model.operation_model(operation)
    )


def channels_and_members(c, client):
    metadata = '{"topic":"all & sundry","emoji":"\U0001f600","path":"a/b?c=d"}'
    create = dict(
        AppInstanceArn=APP,
        Name="Général chat",
        Mode="UNRESTRICTED",
        Privacy="PUBLIC",
        Metadata=metadata,
        ChannelId="general",
        ClientRequestToken="create-general-1",
        Tags=[{"Key": "team", "Value": "chat & ops"}],
        MemberArns=[BOB],
        ChimeBearer=ALICE,
    )
    r = c.call("CreateChannel", client.create_channel, **create)
    general = f"{APP}/channel/general"
    if r:
        c.eq("CreateChannel: ChannelArn", r.get("ChannelArn"), general)
    r = c.call("CreateChannel (repeated token)", client.create_channel, **create)
    if r:
        c.eq("CreateChannel (repeated token): same ARN", r.get("ChannelArn"), general)

    r = c.call("DescribeChannel", client.describe_channel, ChannelArn=general, ChimeBearer=BOB)
    if r:
        ch = r.get("Channel", {})
        c.eq("DescribeChannel: Name", ch.get("Name"), "Général chat")
        c.eq("DescribeChannel: Metadata", ch.get("Metadata"), metadata)
        c.eq("DescribeChannel: Mode", ch.get("Mode"), "UNRESTRICTED")
        c.eq("DescribeChannel: CreatedBy", ch.get("CreatedBy", {}).get("Arn"), ALICE)
        c.ok(
            "DescribeChannel: CreatedTimestamp is a recent datetime",
            near_now(ch.get("CreatedTimestamp")),
            repr(ch.get("CreatedTimestamp")),
        )

    r = c.call(
        "UpdateChannel",
        client.update_channel,
        ChannelArn=general,
        Name="General chat",
        Mode="UNRESTRICTED",
        Metadata='{"topic":"everything"}',
        ChimeBearer=ALICE,
    )
    if r:
        c.eq("UpdateChannel: ChannelArn", r.get("ChannelArn"), general)

    r = c.call("ListChannels", client.list_channels, AppInstanceArn=APP, ChimeBearer=CAROL)
    if r:
        c.eq(
            "ListChannels: names", [x.get("Name") for x in r.get("Channels", [])], ["General chat"]
        )
        c.ok("ListChannels: no NextToken", "NextToken" not in r, repr(r.get("NextToken")))

    r = c.call(
        "CreateChannelMembership",
        client.create_channel_membership,
        ChannelArn=general,
        MemberArn=CAROL,
        Type="DEFAULT",
        ChimeBearer=ALICE,
    )
    if r:
        c.eq("CreateChannelMembership: Member", r.get("Member", {}).get("Arn"), CAROL)

    r = c.call(
        "BatchCreateChannelMembership",
        client.batch_create_channel_membership,
        ChannelArn=general,
        MemberArns=[DAVE, ERIN, BOB],
        ChimeBearer=ALICE,
    )
    if r:
        added = [m.get("Arn") for m in r.get("BatchChannelMemberships", {}).get("Members", [])]
        c.eq("BatchCreateChannelMembership: added", added, [DAVE, ERIN])
        errors = r.get("Errors", [])
        c.eq(
            "BatchCreateChannelMembership: errors",
            [(e.get("MemberArn"), e.get("ErrorCode")) for e in errors],
            [(BOB, "Conflict")],
        )

    r = c.call(
        "DescribeChannelMembership",
        client.describe_channel_membership,
        ChannelArn=general,
        MemberArn=CAROL,
        ChimeBearer=BOB,
    )
    if r:
        m = r.get("ChannelMembership", {})
        c.eq("DescribeChannelMembership: InvitedBy", m.get("InvitedBy", {}).get("Arn"), ALICE)
        c.eq("DescribeChannelMembership: Type", m.get("Type"), "DEFAULT")

    c.call(
        "DeleteChannelMembership",
        client.delete_channel_membership,
        ChannelArn=general,
        MemberArn=ERIN,
        ChimeBearer=ERIN,
    )
    r = c.call(
        "ListChannelMemberships",
        client.list_channel_memberships,
        ChannelArn=general,
        ChimeBearer=CAROL,
    )
    if r:
        members = [m.get("Member", {}).get("Arn") for m in r.get("ChannelMemberships", [])]
        c.eq("ListChannelMemberships: members", members, [ALICE, BOB, CAROL, DAVE])
    return general


def moderators_and_bans(c, client, general):
    r = c.call(
        "CreateChannelModerator",
        client.create_channel_moderator,
        ChannelArn=general,
        ChannelModeratorArn=BOB,
        ChimeBearer=ALICE,
    )
    if r:
        c.eq("CreateChannelModerator: moderator", r.get("ChannelModerator", {}).get("Arn"), BOB)
    r = c.call(
        "DescribeChannelModerator",
        client.describe_channel_moderator,
        ChannelArn=general,
        ChannelModeratorArn=BOB,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq(
            "DescribeChannelModerator: CreatedBy",
            r.get("ChannelModerator", {}).get("CreatedBy", {}).get("Arn"),
            ALICE,
        )
    r = c.call(
        "ListChannelModerators",
        client.list_channel_moderators,
        ChannelArn=general,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq(
            "ListChannelModerators: moderators",
            [m.get("Moderator", {}).get("Arn") for m in r.get("ChannelModerators", [])],
            [ALICE, BOB],
        )
    r = c.call(
        "ListChannelsModeratedByAppInstanceUser",
        client.list_channels_moderated_by_app_instance_user,
        AppInstanceUserArn=BOB,
        ChimeBearer=BOB,
    )
    if r:
        c.eq(
            "ListChannelsModeratedByAppInstanceUser: channels",
            [x.get("ChannelSummary", {}).get("ChannelArn") for x in r.get("Channels", [])],
            [general],
        )
    r = c.call(
        "DescribeChannelModeratedByAppInstanceUser",
        client.describe_channel_moderated_by_app_instance_user,
        ChannelArn=general,
        AppInstanceUserArn=BOB,
        ChimeBearer=BOB,
    )
    if r:
        c.eq(
            "DescribeChannelModeratedByAppInstanceUser: name",
            r.get("Channel", {}).get("ChannelSummary", {}).get("Name"),
            "General chat",
        )

    r = c.call(
        "CreateChannelBan",
        client.create_channel_ban,
        ChannelArn=general,
        MemberArn=DAVE,
        ChimeBearer=BOB,
    )
    if r:
        c.eq("CreateChannelBan: member", r.get("Member", {}).get("Arn"), DAVE)
    r = c.call(
        "DescribeChannelBan",
        client.describe_channel_ban,
        ChannelArn=general,
        MemberArn=DAVE,
        ChimeBearer=ALICE,
    )
    if r:
        c.eq(
            "DescribeChannelBan: CreatedBy",
            r.get("ChannelBan", {}).get("CreatedBy", {}).get("Arn"),
            BOB,
        )
    r = c.call("ListChannelBans", client.list_channel_bans, ChannelArn=general, ChimeBearer=ALICE)
    if r:
        c.eq(
            "ListChannelBans: banned",
            [b.get("Member", {}).get("Arn") for b in r.get("ChannelBans", [])],
            [DAVE],
        )
    e = c.error(
        "DescribeChannelMembership of a banned user",
        "NotFoundException",
        client.describe_channel_membership,
        ChannelArn=general,
        MemberArn=DAVE,
        ChimeBearer=ALICE,
    )
    if e is not None:
        c.ok(
            "NotFoundException is the modeled exception class",
            isinstance(e, client.exceptions.NotFoundException),
            type(e).__name__,
        )
        c.eq(
            "NotFoundException: HTTP status", e.response["ResponseMetadata"]["HTTPStatusCode"], 404
        )
    c.call(
        "DeleteChannelBan",
        client.delete_channel_ban,
        ChannelArn=general,
        MemberArn=DAVE,
        ChimeBearer=BOB,
    )
    c.call(
        "DeleteChannelModerator",
        client.delete_channel_moderator,
        ChannelArn=general,
        ChannelModeratorArn=BOB,
        ChimeBearer=ALICE,
    )


def messages(c, client, general):
    content = 'héllo, wörld \U0001f44b <b>&amp;</b> 100% "quoted"\nsecond line'
    r = c.call(
        "SendChannelMessage",
        client.send_channel_message,
        ChannelArn=general,
        Content=content,
        Type="STANDARD",
        Persistence="PERSISTENT",
        Metadata="m1",
        ContentType="text/plain; charset=utf-8",
        MessageAttributes={"lang": {"StringValues": ["en", "fr"]}},
        ChimeBearer=CAROL,
    )
    if not r:
        return
    message_id = r.get("MessageId")
    c.eq("SendChannelMessage: status", r.get("Status", {}).get("Value"), "SENT")

    r = c.call(
        "GetChannelMessage",
        client.get_channel_message,
        ChannelArn=general,
        MessageId=message_id,
        ChimeBearer=BOB,
    )
    if r:
        m = r.get("ChannelMessage", {})
        c.eq("GetChannelMessage: Content", m.get("Content"), content)
        c.eq("GetChannelMessage: Metadata", m.get("Metadata"), "m1")
        c.eq("GetChannelMessage: ContentType", m.get("ContentType"), "text/plain; charset=utf-8")
        c.eq("GetChannelMessage: Sender", m.get("Sender", {}).get("Arn"), CAROL)
        c.eq(
            "GetChannelMessage: MessageAttributes",
            m.get("MessageAttributes"),
            {"lang": {"StringValues": ["en", "fr"]}},
        )
        c.ok(
            "GetChannelMessage: CreatedTimestamp",
            near_now(m.get("CreatedTimestamp")),
            repr(m.get("CreatedTimestamp")),
        )
        c.eq("GetChannelMessage: Redacted is a bool", m.get("Redacted"), False)

    r = c.call(
        "UpdateChannelMessage",
        client.update_channel_message,
        ChannelArn=general,
        MessageId=message_id,
        Content="hello, everyone",
        ChimeBearer=CAROL,
    )
    if r:
        c.eq("UpdateChannelMessage: MessageId", r.get("MessageId"), message_id)

    now = datetime.datetime.now(datetime.timezone.utc)
    r = c.call(
        "ListChannelMessages",
        client.list_channel_messages,
        ChannelArn=general,
        SortOrder="ASCENDING",
        NotBefore=now - datetime.timedelta(minutes=10),
        NotAfter=now + datetime.timedelta(minutes=10),
        ChimeBearer=ALICE,
    )
    if r:
        listed = r.get("ChannelMessages", [])
        c.eq(
            "ListChannelMessages: contents", [m.get("Content") for m in listed], ["hello, everyone"]
        )
        c.ok(
            "ListChannelMessages: LastEditedTimestamp",
            bool(listed) and near_now(listed[0].get("LastEditedTimestamp")),
            repr(listed),
        )
    r = c.call(
        "ListChannelMessages (2001)",
        client.list_channel_messages,
        ChannelArn=general,
        NotBefore=datetime.datetime(2001, 9, 9, 1, 46, 40, tzinfo=datetime.timezone.utc),
        NotAfter=datetime.datetime(2001, 9, 9, 1, 48, 20, tzinfo=datetime.timezone.utc),
        ChimeBearer=ALICE,
    )
    if r:
        c.eq("ListChannelMessages (2001): nothing", r.get("ChannelMessages", []), [])

    r = c.call(
        "GetChannelMessageStatus",
        client.get_channel_message_status,
        ChannelArn=general,
        MessageId=message_id,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq("GetChannelMessageStatus: value", r.get("Status", {}).get("Value"), "SENT")

    r = c.call(
        "RedactChannelMessage",
        client.redact_channel_message,
        ChannelArn=general,
        MessageId=message_id,
        ChimeBearer=ALICE,
    )
    if r:
        c.eq("RedactChannelMessage: MessageId", r.get("MessageId"), message_id)
    r = c.call(
        "GetChannelMessage (redacted)",
        client.get_channel_message,
        ChannelArn=general,
        MessageId=message_id,
        ChimeBearer=CAROL,
    )
    if r:
        m = r.get("ChannelMessage", {})
        c.eq("GetChannelMessage (redacted): Redacted", m.get("Redacted"), True)
        c.eq("GetChannelMessage (redacted): Content", m.get("Content", ""), "")

    c.call(
        "DeleteChannelMessage",
        client.delete_channel_message,
        ChannelArn=general,
        MessageId=message_id,
        ChimeBearer=ALICE,
    )
    c.error(
        "GetChannelMessage (deleted)",
        "NotFoundException",
        client.get_channel_message,
        ChannelArn=general,
        MessageId=message_id,
        ChimeBearer=ALICE,
    )

    r = c.call(
        "SendChannelMessage (targeted)",
        client.send_channel_message,
        ChannelArn=general,
        Content="psst",
        Type="STANDARD",
        Persistence="PERSISTENT",
        Target=[{"MemberArn": BOB}],
        ChimeBearer=CAROL,
    )
    if r:
        targeted = r.get("MessageId")
        r = c.call(
            "GetChannelMessage (target)",
            client.get_channel_message,
            ChannelArn=general,
            MessageId=targeted,
            ChimeBearer=BOB,
        )
        if r:
            c.eq(
                "GetChannelMessage (target): Target",
                r.get("ChannelMessage", {}).get("Target"),
                [{"MemberArn": BOB}],
            )
        c.error(
            "GetChannelMessage (not the target)",
            "NotFoundException",
            client.get_channel_message,
            ChannelArn=general,
            MessageId=targeted,
            ChimeBearer=ALICE,
        )


def read_markers_preferences_tags(c, client, general):
    r = c.call(
        "UpdateChannelReadMarker",
        client.update_channel_read_marker,
        ChannelArn=general,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq("UpdateChannelReadMarker: ChannelArn", r.get("ChannelArn"), general)
    r = c.call(
        "ListChannelMembershipsForAppInstanceUser",
        client.list_channel_memberships_for_app_instance_user,
        AppInstanceUserArn=CAROL,
        ChimeBearer=CAROL,
    )
    if r:
        mine = r.get("ChannelMemberships", [])
        c.eq(
            "ListChannelMembershipsForAppInstanceUser: channels",
            [m.get("ChannelSummary", {}).get("ChannelArn") for m in mine],
            [general],
        )
        c.ok(
            "ListChannelMembershipsForAppInstanceUser: ReadMarkerTimestamp",
            bool(mine)
            and near_now(
                mine[0].get("AppInstanceUserMembershipSummary", {}).get("ReadMarkerTimestamp")
            ),
            repr(mine),
        )
    r = c.call(
        "DescribeChannelMembershipForAppInstanceUser",
        client.describe_channel_membership_for_app_instance_user,
        ChannelArn=general,
        AppInstanceUserArn=CAROL,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq(
            "DescribeChannelMembershipForAppInstanceUser: channel",
            r.get("ChannelMembership", {}).get("ChannelSummary", {}).get("ChannelArn"),
            general,
        )

    preferences = {
        "PushNotifications": {"AllowNotifications": "FILTERED", "FilterRule": '{"lang":["en"]}'}
    }
    r = c.call(
        "PutChannelMembershipPreferences",
        client.put_channel_membership_preferences,
        ChannelArn=general,
        MemberArn=CAROL,
        Preferences=preferences,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq("PutChannelMembershipPreferences: echoed", r.get("Preferences"), preferences)
    r = c.call(
        "GetChannelMembershipPreferences",
        client.get_channel_membership_preferences,
        ChannelArn=general,
        MemberArn=CAROL,
        ChimeBearer=CAROL,
    )
    if r:
        c.eq("GetChannelMembershipPreferences: stored", r.get("Preferences"), preferences)
        c.eq("GetChannelMembershipPreferences: member", r.get("Member", {}).get("Arn"), CAROL)

    settings = {"ExpirationDays": 30, "ExpirationCriterion": "LAST_MESSAGE_TIMESTAMP"}
    r = c.call(
        "PutChannelExpirationSettings",
        client.put_channel_expiration_settings,
        ChannelArn=general,
        ExpirationSettings=settings,
        ChimeBearer=ALICE,
    )
    if r:
        c.eq("PutChannelExpirationSettings: echoed", r.get("ExpirationSettings"), settings)

    c.call(
        "TagResource",
        client.tag_resource,
        ResourceARN=general,
        Tags=[{"Key": "env", "Value": "test"}, {"Key": "cost-center", "Value": "42/7 = 6"}],
    )
    c.call("UntagResource", client.untag_resource, ResourceARN=general, TagKeys=["team"])
    r = c.call("ListTagsForResource", client.list_tags_for_resource, ResourceARN=general)
    if r:
        c.eq(
            "ListTagsForResource: tags",
            sorted((t["Key"], t["Value"]) for t in r.get("Tags", [])),
            [("cost-center", "42/7 = 6"), ("env", "test")],
        )
    r = c.call(
        "SearchChannels",
        client.search_channels,
        Fields=[{"Key": "MEMBERS", "Values": [CAROL], "Operator": "INCLUDES"}],
        ChimeBearer=CAROL,
    )
    if r:
        c.eq(
            "SearchChannels: found",
            [x.get("ChannelArn") for x in r.get("Channels", [])],
            [general],
        )


def flows_streaming_elastic(c, client, general):
    r = c.call(
        "CreateChannelFlow",
        client.create_channel_flow,
        AppInstanceArn=APP,
        Name="moderation",
        Processors=[processor("profanity", 1)],
        Tags=[{"Key": "kind", "Value": "flow"}],
    )
    flow = r.get("ChannelFlowArn") if r else None
    if flow:
        r = c.call("DescribeChannelFlow", client.describe_channel_flow, ChannelFlowArn=flow)
        if r:
            f = r.get("ChannelFlow", {})
            c.eq("DescribeChannelFlow: Name", f.get("Name"), "moderation")
            c.eq(
                "DescribeChannelFlow: Processors", f.get("Processors"), [processor("profanity", 1)]
            )
        r = c.call(
            "UpdateChannelFlow",
            client.update_channel_flow,
            ChannelFlowArn=flow,
            Name="moderation v2",
            Processors=[processor("profanity", 1), processor("links", 2)],
        )
        if r:
            c.eq("UpdateChannelFlow: ARN", r.get("ChannelFlowArn"), flow)
        r = c.call("ListChannelFlows", client.list_channel_flows, AppInstanceArn=APP)
        if r:
            flows = r.get("ChannelFlows", [])
            c.eq("ListChannelFlows: names", [f.get("Name") for f in flows], ["moderation v2"])
            c.eq(
                "ListChannelFlows: processors",
                [len(f.get("Processors", [])) for f in flows],
                [2],
            )
        c.call(
            "AssociateChannelFlow",
            client.associate_channel_flow,
            ChannelArn=general,
            ChannelFlowArn=flow,
            ChimeBearer=ALICE,
        )
        r = c.call(
            "ListChannelsAssociatedWithChannelFlow",
            client.list_channels_associated_with_channel_flow,
            ChannelFlowArn=flow,
        )
        if r:
            c.eq(
                "ListChannelsAssociatedWithChannelFlow: channels",
                [x.get("ChannelArn") for x in r.get("Channels", [])],
                [general],
            )
        r = c.call(
            "SendChannelMessage (through a flow)",
            client.send_channel_message,
            ChannelArn=general,
            Content="needs a check",
            Type="STANDARD",
            Persistence="PERSISTENT",
            ChimeBearer=CAROL,
        )
        if r:
            pending = r.get("MessageId")
            c.eq(
                "SendChannelMessage (through a flow): status",
                r.get("Status", {}).get("Value"),
                "PENDING",
            )
            c.error(
                "GetChannelMessage (pending, by another)",
                "NotFoundException",
                client.get_channel_message,
                ChannelArn=general,
                MessageId=pending,
                ChimeBearer=BOB,
            )
            # No CallbackId: botocore fills in the idempotency token.
            r = c.call(
                "ChannelFlowCallback",
                client.channel_flow_callback,
                ChannelArn=general,
                ChannelMessage={"MessageId": pending, "Content": "checked"},
            )
            if r:
                c.eq("ChannelFlowCallback: ChannelArn", r.get("ChannelArn"), general)
                c.ok("ChannelFlowCallback: CallbackId", bool(r.get("CallbackId")), repr(r))
            r = c.call(
                "GetChannelMessage (released)",
                client.get_channel_message,
                ChannelArn=general,
                MessageId=pending,
                ChimeBearer=BOB,
            )
            if r:
                m = r.get("ChannelMessage", {})
                c.eq("GetChannelMessage (released): Content", m.get("Content"), "checked")
                c.eq(
                    "GetChannelMessage (released): status", m.get("Status", {}).get("Value"), "SENT"
                )
        c.error(
            "DeleteChannelFlow in use",
            "ConflictException",
            client.delete_channel_flow,
            ChannelFlowArn=flow,
        )
        c.call(
            "DisassociateChannelFlow",
            client.disassociate_channel_flow,
            ChannelArn=general,
            ChannelFlowArn=flow,
            ChimeBearer=ALICE,
        )
        c.call("DeleteChannelFlow", client.delete_channel_flow, ChannelFlowArn=flow)

    configurations = [{"DataType": "ChannelMessage", "ResourceArn": STREAM}]
    r = c.call(
        "PutMessagingStreamingConfigurations",
        client.put_messaging_streaming_configurations,
        AppInstanceArn=APP,
        StreamingConfigurations=configurations,
    )
    if r:
        c.eq(
            "PutMessagingStreamingConfigurations: echoed",
            r.get("StreamingConfigurations"),
            configurations,
        )
    r = c.call(
        "GetMessagingStreamingConfigurations",
        client.get_messaging_streaming_configurations,
        AppInstanceArn=APP,
    )
    if r:
        c.eq(
            "GetMessagingStreamingConfigurations: stored",
            r.get("StreamingConfigurations"),
            configurations,
        )
    c.call(
        "DeleteMessagingStreamingConfigurations",
        client.delete_messaging_streaming_configurations,
        AppInstanceArn=APP,
    )
    c.error(
        "GetMessagingStreamingConfigurations (deleted)",
        "NotFoundException",
        client.get_messaging_streaming_configurations,
        AppInstanceArn=APP,
    )
    r = c.call(
        "GetMessagingSessionEndpoint",
        client.get_messaging_session_endpoint,
        NetworkType="DUAL_STACK",
    )
    if r:
        url = r.get("Endpoint", {}).get("Url", "")
        c.ok("GetMessagingSessionEndpoint: dual-stack URL", url.startswith("wss://dualstack."), url)

    r = c.call(
        "CreateChannel (elastic)",
        client.create_channel,
        AppInstanceArn=APP,
        Name="town hall",
        ElasticChannelConfiguration={
            "MaximumSubChannels": 3,
            "TargetMembershipsPerSubChannel": 2,
            "MinimumMembershipPercentage": 10,
        },
        ChimeBearer=ALICE,
    )
    if r:
        elastic = r.get("ChannelArn")
        for member in (BOB, CAROL, DAVE):
            c.call(
                "CreateChannelMembership (elastic)",
                client.create_channel_membership,
                ChannelArn=elastic,
                MemberArn=member,
                Type="DEFAULT",
                ChimeBearer=ALICE,
            )
        r = c.call(
            "ListSubChannels", client.list_sub_channels, ChannelArn=elastic, ChimeBearer=ALICE
        )
        if r:
            c.eq(
                "ListSubChannels: counts",
                [
                    (s.get("SubChannelId"), s.get("MembershipCount"))
                    for s in r.get("SubChannels", [])
                ],
                [("sub-channel-1", 2), ("sub-channel-2", 1)],
            )


def special_characters(c, client):
    """IDs with the characters the model allows beyond letters and digits
    (`:` `@` `.` `_` `-`), in path labels, query values, the bearer header
    and the body; the emulator verifies every signature."""
    owner = user("team:lead.1@example_org-x")
    channel_id = "room:1.a@b_c-d"
    arn = f"{APP}/channel/{channel_id}"
    r = c.call(
        "CreateChannel (special ID)",
        client.create_channel,
        AppInstanceArn=APP,
        Name="special",
        ChannelId=channel_id,
        Privacy="PRIVATE",
        Tags=[{"Key": "a:b@c", "Value": "x=y&z"}],
        ChimeBearer=owner,
    )
    if not r:
        return
    c.eq("CreateChannel (special ID): ARN", r.get("ChannelArn"), arn)
    r = c.call(
        "DescribeChannel (special ID)", client.describe_channel, ChannelArn=arn, ChimeBearer=owner
    )
    if r:
        c.eq("DescribeChannel (special ID): ARN", r.get("Channel", {}).get("ChannelArn"), arn)
    r = c.call(
        "DescribeChannelMembership (special IDs)",
        client.describe_channel_membership,
        ChannelArn=arn,
        MemberArn=owner,
        ChimeBearer=owner,
    )
    if r:
        c.eq(
            "DescribeChannelMembership (special IDs): member",
            r.get("ChannelMembership", {}).get("Member", {}).get("Arn"),
            owner,
        )
    r = c.call(
        "ListChannelMembershipsForAppInstanceUser (special IDs)",
        client.list_channel_memberships_for_app_instance_user,
        AppInstanceUserArn=owner,
        ChimeBearer=owner,
    )
    if r:
        c.eq(
            "ListChannelMembershipsForAppInstanceUser (special IDs): channels",
            [
                m.get("ChannelSummary", {}).get("ChannelArn")
                for m in r.get("ChannelMemberships", [])
            ],
            [arn],
        )
    r = c.call("ListTagsForResource (special ID)", client.list_tags_for_resource, ResourceARN=arn)
    if r:
        c.eq(
            "ListTagsForResource (special ID): tags",
            r.get("Tags"),
            [{"Key": "a:b@c", "Value": "x=y&z"}],
        )
    c.call("DeleteChannel (special ID)", client.delete_channel, ChannelArn=arn, ChimeBearer=owner)


def paging(c, client, general):
    for n in range(1, 8):
        c.call(
            "CreateChannel (paging)",
            client.create_channel,
            AppInstanceArn=APP,
            Name=f"page {n}",
            ChannelId=f"page-{n}",
            ChimeBearer=ALICE,
        )
    # By hand: MaxResults 2 over nine public channels is five pages.
    seen, token, pages = [], None, 0
    while pages < 20:
        params = dict(AppInstanceArn=APP, MaxResults=2, ChimeBearer=CAROL)
        if token:
            params["NextToken"] = token
        r = c.call("ListChannels (a page)", client.list_channels, **params)
        if not r:
            break
        pages += 1
        c.ok("ListChannels: MaxResults honoured", len(r.get("Channels", [])) <= 2, repr(r))
        seen += [x.get("ChannelArn") for x in r.get("Channels", [])]
        token = r.get("NextToken")
        if not token:
            break
    c.eq("ListChannels by hand: pages", pages, 5)
    c.eq("ListChannels by hand: channels", len(seen), 9)
    c.eq("ListChannels by hand: none twice", len(set(seen)), len(seen))
    c.ok("ListChannels by hand: general listed", general in seen, repr(seen))
    c.eq("ListChannels by hand: ordered by ARN", seen, sorted(seen))

    # botocore's paginator.
    try:
        pager = paginator(client, "ListChannels", "Channels")
        sizes = [
            len(p.get("Channels", []))
            for p in pager.paginate(
                AppInstanceArn=APP, ChimeBearer=CAROL, PaginationConfig={"PageSize": 4}
            )
        ]
        c.eq("ListChannels paginator: page sizes", sizes, [4, 4, 1])
        built = pager.paginate(
            AppInstanceArn=APP,
            ChimeBearer=CAROL,
            PaginationConfig={"PageSize": 2, "MaxItems": 5},
        ).build_full_result()
        c.eq("ListChannels paginator: MaxItems", len(built.get("Channels", [])), 5)
        c.ok("ListChannels paginator: resume token", bool(built.get("NextToken")), repr(built))
    except Exception as e:  # noqa: BLE001
        c.ok("ListChannels paginator", False, f"{type(e).__name__}: {e}")

    for n in range(1, 6):
        c.call(
            "SendChannelMessage (paging)",
            client.send_channel_message,
            ChannelArn=general,
            Content=f"message {n}",
            Type="STANDARD",
            Persistence="PERSISTENT",
            ChimeBearer=CAROL,
        )
    try:
        pager = paginator(client, "ListChannelMessages", "ChannelMessages")
        result = pager.paginate(
            ChannelArn=general,
            SortOrder="ASCENDING",
            ChimeBearer=CAROL,
            PaginationConfig={"PageSize": 2},
        ).build_full_result()
        contents = [
            m.get("Content")
            for m in result.get("ChannelMessages", [])
            if m.get("Content", "").startswith("message ")
        ]
        c.eq(
            "ListChannelMessages paginator: all in order",
            contents,
            [f"message {n}" for n in range(1, 6)],
        )
    except Exception as e:  # noqa: BLE001
        c.ok("ListChannelMessages paginator", False, f"{type(e).__name__}: {e}")

    r = c.call(
        "ListChannels (first page)",
        client.list_channels,
        AppInstanceArn=APP,
        MaxResults=1,
        ChimeBearer=CAROL,
    )
    if r and r.get("NextToken"):
        e = c.error(
            "ListChannelMessages with another listing's token",
            "BadRequestException",
            client.list_channel_messages,
            ChannelArn=general,
            NextToken=r["NextToken"],
            ChimeBearer=CAROL,
        )
        if e is not None:
            c.ok(
                "BadRequestException names NextToken",
                "NextToken" in e.response["Error"].get("Message", ""),
                repr(e.response["Error"]),
            )


def modeled_errors(c, client, unchecked, general):
    e = c.error(
        "ListChannelMessages by an outsider",
        "ForbiddenException",
        client.list_channel_messages,
        ChannelArn=general,
        ChimeBearer=user("mallory"),
    )
    if e is not None:
        c.ok(
            "ForbiddenException class",
            isinstance(e, client.exceptions.ForbiddenException),
            type(e).__name__,
        )
        c.eq("ForbiddenException: HTTP 403", e.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        c.ok(
            "ForbiddenException: message",
            bool(e.response["Error"].get("Message")),
            repr(e.response),
        )
    c.error(
        "SendChannelMessage from another app instance",
        "ForbiddenException",
        client.send_channel_message,
        ChannelArn=general,
        Content="hi",
        Type="STANDARD",
        Persistence="PERSISTENT",
        ChimeBearer="arn:aws:chime:us-east-1:123456789012:app-instance/other/user/zed",
    )
    e = c.error(
        "CreateChannel with a taken ChannelId",
        "ConflictException",
        client.create_channel,
        AppInstanceArn=APP,
        Name="again",
        ChannelId="page-1",
        ChimeBearer=ALICE,
    )
    if e is not None:
        c.ok(
            "ConflictException class",
            isinstance(e, client.exceptions.ConflictException),
            type(e).__name__,
        )
        c.eq("ConflictException: HTTP 409", e.response["ResponseMetadata"]["HTTPStatusCode"], 409)
        c.ok(
            "ConflictException: message",
            "page-1" in e.response["Error"].get("Message", ""),
            repr(e.response),
        )
        # The body's own `Code` member (ErrorCode) is parsed into the error too.
        c.eq("ConflictException: Code member", e.response.get("Code"), "Conflict")
    c.error(
        "DescribeChannelBan of nobody",
        "NotFoundException",
        client.describe_channel_ban,
        ChannelArn=general,
        MemberArn=user("nobody"),
        ChimeBearer=ALICE,
    )
    # Validation by the server: boto3 checks ranges and lengths itself, so
    # these go through a client with parameter validation off.
    e = c.error(
        "ListChannels with MaxResults 0",
        "BadRequestException",
        unchecked.list_channels,
        AppInstanceArn=APP,
        MaxResults=0,
        ChimeBearer=ALICE,
    )
    if e is not None:
        c.ok(
            "BadRequestException names MaxResults",
            "MaxResults" in e.response["Error"].get("Message", ""),
            repr(e.response["Error"]),
        )
        c.eq("BadRequestException: HTTP 400", e.response["ResponseMetadata"]["HTTPStatusCode"], 400)
    e = c.error(
        "SendChannelMessage with empty Content",
        "BadRequestException",
        unchecked.send_channel_message,
        ChannelArn=general,
        Content="",
        Type="STANDARD",
        Persistence="PERSISTENT",
        ChimeBearer=ALICE,
    )
    if e is not None:
        c.ok(
            "BadRequestException names Content",
            "Content" in e.response["Error"].get("Message", ""),
            repr(e.response["Error"]),
        )
    c.error(
        "ListChannelMessages with SortOrder SIDEWAYS",
        "BadRequestException",
        unchecked.list_channel_messages,
        ChannelArn=general,
        SortOrder="SIDEWAYS",
        ChimeBearer=ALICE,
    )
    # boto3's own validation stops a bad MaxResults before it is sent.
    try:
        client.list_channels(AppInstanceArn=APP, MaxResults=0, ChimeBearer=ALICE)
        c.ok("boto3 validates MaxResults itself", False, "no error")
    except botocore.exceptions.ParamValidationError:
        c.ok("boto3 validates MaxResults itself", True)
    except Exception as e:  # noqa: BLE001
        c.ok("boto3 validates MaxResults itself", False, f"{type(e).__name__}: {e}")

    c.call(
        "TagResource (50 tags)",
        client.tag_resource,
        ResourceARN=general,
        Tags=[{"Key": f"k{n}", "Value": "v"} for n in range(48)],
    )
    c.error(
        "TagResource beyond 50",
        "ResourceLimitExceededException",
        client.tag_resource,
        ResourceARN=general,
        Tags=[{"Key": "one-too-many", "Value": "v"}],
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument(
        "--expect-verified",
        action="store_true",
        help="the emulator verifies signatures: a wrong secret must be refused",
    )
    args = parser.parse_args()

    c = Checks()
    config = Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=30)

    def make(secret=SECRET, **extra):
        client = boto3.client(
            "chime-sdk-messaging",
            endpoint_url=args.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id=AKID,
            aws_secret_access_key=secret,
            config=config.merge(Config(**extra)) if extra else config,
        )
        client.meta.events.register("after-call.chime-sdk-messaging", c.record)
        return client

    client = make()
    unchecked = make(parameter_validation=False)
    boto3_operations = set(client.meta.service_model.operation_names)
    supported = boto3_operations & EMULATOR_OPERATIONS

    try:
        general = channels_and_members(c, client)
        moderators_and_bans(c, client, general)
        messages(c, client, general)
        read_markers_preferences_tags(c, client, general)
        flows_streaming_elastic(c, client, general)
        special_characters(c, client)
        paging(c, client, general)
        modeled_errors(c, client, unchecked, general)

        if args.expect_verified:
            c.error(
                "a wrong secret",
                "InvalidSignatureException",
                make("not-the-secret").list_channels,
                AppInstanceArn=APP,
                ChimeBearer=ALICE,
            )

        c.call("DeleteChannel", client.delete_channel, ChannelArn=general, ChimeBearer=ALICE)
        e = c.error(
            "DescribeChannel (deleted)",
            "BadRequestException",
            client.describe_channel,
            ChannelArn=general,
            ChimeBearer=ALICE,
        )
        if e is not None:
            c.eq("DescribeChannel (deleted): Code member", e.response.get("Code"), "NotFound")
    except Exception:  # noqa: BLE001 - a crash is one more failure
        c.ok("scenario ran to the end", False, traceback.format_exc())

    succeeded = {name for name, status, _ in c.http if 200 <= status < 300}
    without_id = [(name, status) for name, status, request_id in c.http if not request_id]
    c.ok("every response carries x-amzn-RequestId", not without_id, repr(without_id[:5]))
    missing = sorted(supported - succeeded)
    c.ok("every supported operation succeeded at least once", not missing, f"missing {missing}")
    not_in_emulator = sorted(boto3_operations - EMULATOR_OPERATIONS)
    not_in_boto3 = sorted(EMULATOR_OPERATIONS - boto3_operations)

    print(
        f"boto3 {boto3.__version__} / botocore {botocore.__version__}: "
        f"{len(boto3_operations)} operations in boto3's model, "
        f"{len(supported & succeeded)} of {len(supported)} supported ones called successfully, "
        f"{len(c.http)} HTTP calls"
    )
    pageable = sorted(o for o in boto3_operations if client.can_paginate(botocore.xform_name(o)))
    print(
        f"boto3 paginators for this service: {pageable or 'none'}"
        + (
            ""
            if pageable
            else " (paged with botocore's Paginator and the model's @paginated settings)"
        )
    )
    if not_in_emulator:
        print(f"in boto3 but not in the emulator (not called): {not_in_emulator}")
    if not_in_boto3:
        print(f"in the emulator but not in boto3's model: {not_in_boto3}")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
