"""Fixtures shared by the tests."""

import re

import pytest

# The one message of nnlib's checks (nnlib/_checks/message.py):
# [where: ]`name` [and `other`] must <expected>, but received <received>. <Fix.>
MESSAGE = re.compile(r"([^`]+: )?`\w+`( and `\w+`)? must .+, but received .+\. [A-Z].*\.")


@pytest.fixture
def refused():
    """``refused(call, match)``: ``call()`` raises a ValueError that matches ``match``
    and reads as every check's message does."""

    def check(call, match):
        with pytest.raises(ValueError, match=match) as caught:
            call()
        assert MESSAGE.fullmatch(str(caught.value)), str(caught.value)
        return caught.value

    return check
