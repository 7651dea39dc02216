"""nnlib.data: the shipped MNIST copy and the workshop's line data."""

import hashlib
import shutil
import zipfile

import numpy as np
import pytest
import tensorflow as tf

import nnlib
from nnlib import data


@pytest.fixture(scope="module")
def mnist():
    return data.load_mnist()


def test_mnist_matches_keras_layout(mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (60000,) and y_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and x_test.dtype == np.uint8
    assert y_test.shape == (10000,) and y_test.dtype == np.uint8


def test_mnist_contents_match_published_checks(mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    assert y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert int(x_train[0].sum()) == 27525
    assert np.bincount(y_train).tolist() == [
        5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(y_test).tolist() == [
        980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert x_train.min() == 0 and x_train.max() == 255


def test_mnist_array_checksums(mnist):
    # The checksums of the arrays themselves, from the data's provenance record.
    (x_train, y_train), (x_test, y_test) = mnist
    expected = {
        "x_train": "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757",
        "y_train": "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
        "x_test": "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
        "y_test": "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5",
    }
    arrays = {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}
    for key, array in arrays.items():
        assert hashlib.sha256(array.tobytes()).hexdigest() == expected[key], key


def test_shipped_file_has_the_recorded_checksum():
    path = data._datasets_dir() / "mnist.npz"
    assert data._sha256(path) == data.MNIST_SHA256


def test_another_copy_loads_with_path(tmp_path):
    copy = tmp_path / "mnist.npz"
    shutil.copyfile(data._datasets_dir() / "mnist.npz", copy)
    (x_train, _), _ = data.load_mnist(path=copy, sha256=data.MNIST_SHA256)
    assert x_train.shape == (60000, 28, 28)
    (x_train, _), _ = data.load_mnist(path=str(copy))  # no checksum given: layout only
    assert x_train.dtype == np.uint8


def test_missing_file_names_path_checksum_and_fix(tmp_path):
    missing = tmp_path / "nowhere" / "mnist.npz"
    with pytest.raises(FileNotFoundError, match="not found") as info:
        data.load_mnist(path=missing, sha256=data.MNIST_SHA256)
    message = str(info.value)
    assert str(missing) in message
    assert data.MNIST_SHA256 in message
    assert "git checkout -- nnlib/datasets/mnist.npz" in message


def test_truncated_file_names_both_checksums(tmp_path):
    original = (data._datasets_dir() / "mnist.npz").read_bytes()
    truncated = tmp_path / "mnist.npz"
    truncated.write_bytes(original[: len(original) // 2])
    found = hashlib.sha256(original[: len(original) // 2]).hexdigest()
    with pytest.raises(ValueError, match="damaged or altered") as info:
        data.load_mnist(path=truncated, sha256=data.MNIST_SHA256)
    message = str(info.value)
    assert str(truncated) in message
    assert data.MNIST_SHA256 in message and found in message
    assert "Restore" in message


def test_altered_file_is_refused(tmp_path):
    altered = tmp_path / "mnist.npz"
    content = bytearray((data._datasets_dir() / "mnist.npz").read_bytes())
    content[-100] ^= 0xFF
    altered.write_bytes(bytes(content))
    with pytest.raises(ValueError, match="must name a file with SHA-256 " + data.MNIST_SHA256):
        data.load_mnist(path=altered, sha256=data.MNIST_SHA256)


def test_shipped_copy_is_verified(monkeypatch, tmp_path):
    # The default path is always checked against MNIST_SHA256.
    fake = tmp_path / "datasets"
    fake.mkdir()
    (fake / "mnist.npz").write_bytes(b"not mnist")
    monkeypatch.setattr(data, "_datasets_dir", lambda: fake)
    with pytest.raises(ValueError, match="damaged or altered"):
        data.load_mnist()


def test_wrong_layout_is_refused(tmp_path):
    path = tmp_path / "small.npz"
    np.savez(path, x_train=np.zeros((2, 28, 28), np.uint8), y_train=np.zeros(2, np.uint8),
             x_test=np.zeros((1, 28, 28), np.uint8), y_test=np.zeros(1, np.uint8))
    with pytest.raises(ValueError, match=r"whose 'x_train' has shape \(60000, 28, 28\).*"
                                         r"whose 'x_train' has shape \(2, 28, 28\)"):
        data.load_mnist(path=path)
    np.savez(path, images=np.zeros(3))
    with pytest.raises(ValueError, match=r"must name an .npz archive with the arrays.*KeyError"):
        data.load_mnist(path=path)


def test_line_data_is_the_workshops():
    x, y = data.line_data()
    assert x.dtype == tf.float32 and y.dtype == tf.float32
    assert x.shape == (40,) and y.shape == (40,)
    np.testing.assert_allclose(x.numpy(), np.arange(1.0, 5.0, 0.1, dtype=np.float32)[:40],
                               atol=1e-6)
    # First and last of the values the article printed.
    assert y[0].numpy() == np.float32(1.5081716)
    # Each value is within the noise band of the true line y = 3.5x - 1.
    assert np.all(np.abs(y.numpy() - (3.5 * x.numpy() - 1)) <= 1.0)


def test_line_data_fresh_draw_is_seeded():
    x1, y1 = data.line_data(seed=3)
    x2, y2 = data.line_data(seed=3)
    _, y3 = data.line_data(seed=4)
    np.testing.assert_array_equal(y1.numpy(), y2.numpy())
    assert not np.array_equal(y1.numpy(), y3.numpy())
    assert np.all(np.abs(y1.numpy() - (3.5 * x1.numpy() - 1)) <= 1.0)
    assert not np.array_equal(y1.numpy(), data.line_data()[1].numpy())


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True, 2**63])
def test_line_data_rejects_bad_seed(bad):
    with pytest.raises(ValueError, match=r"`seed` must be a non-negative integer smaller "
                                         r"than 2\*\*63 or None"):
        data.line_data(seed=bad)


def test_seed_repeats_draws_and_rejects_bad_values():
    nnlib.seed(7)
    a = tf.random.normal([4]).numpy()
    nnlib.seed(7)
    b = tf.random.normal([4]).numpy()
    np.testing.assert_array_equal(a, b)
    for bad in [-1, 0.5, None, "0", True]:
        with pytest.raises(ValueError, match="`value` must be a non-negative integer"):
            nnlib.seed(bad)


def test_split_validation_holds_out_the_last_examples(mnist):
    (x_train, y_train), _ = mnist
    (x_fit, y_fit), (x_val, y_val) = data.split_validation(x_train, y_train)
    assert x_fit.shape == (50000, 28, 28) and y_fit.shape == (50000,)
    assert x_val.shape == (10000, 28, 28) and y_val.shape == (10000,)
    np.testing.assert_array_equal(x_fit, x_train[:50000])
    np.testing.assert_array_equal(y_val, y_train[50000:])
    # Every digit is in the validation set, each between 9 % and 11 % (the docstring).
    shares = np.bincount(y_val, minlength=10) / len(y_val)
    assert shares.min() > 0.09 and shares.max() < 0.11


def test_split_validation_works_on_tensors_and_other_sizes():
    x = tf.reshape(tf.range(12.0), (6, 2))
    y = tf.range(6)
    (x_fit, y_fit), (x_val, y_val) = data.split_validation(x, y, num_validation=2)
    assert x_fit.shape == (4, 2) and x_val.shape == (2, 2)
    assert y_val.numpy().tolist() == [4, 5]


@pytest.mark.parametrize("bad", [0, -1, 6, 7, 2.0, True, None, "10"])
def test_split_validation_rejects_bad_sizes(bad):
    with pytest.raises(ValueError, match=r"`num_validation` must be a positive integer "
                                         r"smaller than the number of examples \(6\)"):
        data.split_validation(np.zeros((6, 2)), np.zeros(6), num_validation=bad)


def test_split_validation_rejects_mismatched_arrays():
    with pytest.raises(ValueError, match=r"received 6 inputs \(shape \(6, 2\)\) and 5 labels"):
        data.split_validation(np.zeros((6, 2)), np.zeros(5), num_validation=2)


def _write_damaged(path, how):
    if how == "truncated":
        shipped = (data._datasets_dir() / "mnist.npz").read_bytes()
        path.write_bytes(shipped[: len(shipped) // 2])
    elif how == "not a zip":
        path.write_bytes(b"PK\x03\x04 not really a zip archive")
    elif how == "not arrays":
        with zipfile.ZipFile(path, "w") as archive:
            for key in ("x_train", "y_train", "x_test", "y_test"):
                archive.writestr(f"{key}.npy", b"\x93NUMPY but no array")
    else:  # "bit flip": the archive is readable, a member fails its CRC-32
        np.savez(path, **{key: np.full(100, 7, np.uint8)
                          for key in ("x_train", "y_train", "x_test", "y_test")})
        content = bytearray(path.read_bytes())
        content[content.index(bytes(100 * [7]))] ^= 0xFF
        path.write_bytes(bytes(content))


@pytest.mark.parametrize("how", ["truncated", "not a zip", "not arrays", "bit flip"])
def test_a_damaged_file_without_a_checksum_gets_a_clear_error(refused, tmp_path, how):
    # Without sha256 only the layout is checked; these raised zipfile.BadZipFile.
    damaged = tmp_path / "mnist.npz"
    _write_damaged(damaged, how)
    error = refused(lambda: data.load_mnist(path=damaged),
                    r"^`path` must name an .npz archive with the arrays \['x_train'.*Restore")
    assert str(damaged) in str(error)


@pytest.mark.parametrize("bad", [3, 2.5, True, ["mnist.npz"]])
def test_path_must_be_a_path(refused, bad):
    refused(lambda: data.load_mnist(path=bad), r"^`path` must be a file path")


@pytest.mark.parametrize("bad", ["abc", "", "g" * 64, 123, True, 0])
def test_sha256_must_be_a_hex_digest(refused, bad):
    refused(lambda: data.load_mnist(path="nowhere.npz", sha256=bad),
            r"^`sha256` must be 64 hexadecimal digits")


def test_sha256_in_either_case_and_without_a_path(refused):
    (x, _), _ = data.load_mnist(sha256=data.MNIST_SHA256.upper())
    assert x.shape == (60000, 28, 28)
    refused(lambda: data.load_mnist(sha256="0" * 64),
            r"^`sha256` must be None or the shipped copy's own")


def test_seeds_are_what_numpy_takes(refused):
    assert nnlib.seed(np.int64(3)) == 3 and nnlib.seed(2**32 - 1) == 2**32 - 1
    refused(lambda: nnlib.seed(2**32),
            r"`value` must be a non-negative integer smaller than 2\*\*32")
    nnlib.seed(0)


def test_split_validation_of_scalars(refused):
    refused(lambda: data.split_validation(5, 5),
            r"^`x` and `y` must be arrays with one example per row")
