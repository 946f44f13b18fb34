// The start-up crypto self-test. Every vector below was also reproduced with an independent
// implementation (Python "cryptography"/hashlib) when it was embedded.

#include "selftest.h"

#include "crypto_p.h"
#include "selftest_p.h"
#include "hash.h"
#include "keys.h"

using namespace Qt::StringLiterals;

namespace Uptane::Crypto {

using namespace Detail;

namespace {

// RFC 8032 §7.1, Ed25519 test vectors TEST 1, TEST 2, TEST 3 and TEST 1024 (seed = "SECRET
// KEY", public key, message, signature; all hex).
const char *const Test1024Message =
     "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98"
     "fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8"
     "79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
     "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc"
     "1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe"
     "ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
     "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef"
     "efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7"
     "aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
     "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2"
     "d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24"
     "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
     "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc"
     "2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07"
     "07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
     "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a"
     "ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e"
     "c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
     "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c"
     "42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8"
     "ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
     "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08"
     "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649"
     "de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
     "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3"
     "2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e"
     "6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
     "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5"
     "0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1"
     "369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
     "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c"
     "0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0";

const Ed25519Vector Ed25519Vectors[] = {
    {"RFC 8032 7.1 TEST 1",
     "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"RFC 8032 7.1 TEST 2",
     "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"RFC 8032 7.1 TEST 3",
     "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {"RFC 8032 7.1 TEST 1024",
     "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
     "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e", Test1024Message,
     "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"},
};

// FIPS 180-4 examples (NIST CSRC "Examples with intermediate values"): one block ("abc"),
// the empty message, the 448-bit message (two blocks for SHA-256) and the 896-bit message
// (two blocks for SHA-512).
const char *const Msg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const char *const Msg896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

const HashVector HashVectors[] = {
    {"FIPS 180-4 SHA-256 \"abc\"", HashAlgorithm::Sha256, "abc",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"FIPS 180-4 SHA-256 empty", HashAlgorithm::Sha256, "",
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"FIPS 180-4 SHA-256 448-bit", HashAlgorithm::Sha256, Msg448,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"FIPS 180-4 SHA-512 \"abc\"", HashAlgorithm::Sha512, "abc",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {"FIPS 180-4 SHA-512 empty", HashAlgorithm::Sha512, "",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {"FIPS 180-4 SHA-512 448-bit", HashAlgorithm::Sha512, Msg448,
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
    {"FIPS 180-4 SHA-512 896-bit", HashAlgorithm::Sha512, Msg896,
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
};

// Fixed test keys (generated once with `openssl genpkey`; they protect nothing) so start-up
// never waits for RSA key generation. The signatures over SelfTestMessage were made with
// Python "cryptography" (RSA-PSS MGF1-SHA256 salt 32; ECDSA P-256 SHA-256): a known-answer
// check that our verification parameters match an independent implementation.
const char *const SelfTestMessage = "Uptane Lab crypto self-test";

const char *const RsaTestKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDneOC+6he5Xe3g\n"
    "nJE15RDJLwZaqW0tlSqNj3iKwIJRWewVrErTFqn8J2KPi52ra4sJItnZKxBNffIW\n"
    "Vx+ydTilHZgJVNe+XF1HXtCLFr2UdVbu1MZHEbUlHwvmOAYQoDe4DSohuRqF+LO7\n"
    "CzMyxlhApGOhCDUHf4bg3SNuW+BYESpNDDAhLbRdo+Yg7QZA/tWddqkj4vXyNIWq\n"
    "wLo/MIq8aKZYQdmig5Q5eG/005BKb4Aw1/jC5c3qLJCg3taRLrTbwRea4wf3MIol\n"
    "ZMJvi/9jbGe3KDq6vIfwowlt8eF8QhUTIE3uoecchdsCRBZVo84JKMec2ur10Bv+\n"
    "UjqJDGFJAgMBAAECggEARnpZH/gh6hht7fZuBlVtM3yEeEVfD0J8VubowoKUC1YQ\n"
    "Wpb/n18mubZ6PY+6na+cgVchsox4pcej1uaHKaykZy3oFWtGV1lDM5BsefUeGx5R\n"
    "Ll4N0yTSnW9jDaFgQ16tKHalrefw6frMKrbhy2N2CpSjGyxnDRXoyP28JIWH/PgE\n"
    "vEfZYoo1SIppGLWwGr8mgh8PzVlKU8HJlUDD/qm7L/MWQUmN2RkPO4nrS07r7Us/\n"
    "EYdKFGmCVZorMioCt3k4dklZLbgacagdlRw8GQXPZXaRMet1zNpdz473Hex2q1bn\n"
    "n3T6l2uzFWS1sKF9acu70Nu5LQDiQ89fhTuD2TEvCwKBgQD5NUHB5CvjdbDHrNNl\n"
    "62Aj5QT7LjoqXcXYOtRcT9USvpLn5IfRffSlejvKcjZZjmQKsYH77BHzAlGtZ9Dl\n"
    "43mGBRwcKIgIRSQX6hJwqDvjwg3JFnnIg3f8UaxkPpGvXABDmRXvoE7pjQ6qfQlJ\n"
    "UbbzuO2dgIUYL++keSBDmx9uUwKBgQDtx+BslA7vp4gnYzNOah4fjdgGfRH6vubh\n"
    "8lCPSIr7yJCMD4U2WgGDInFr6SEe2AXi7unEAnvwn8LplPXIyVEkTJeOkilsu9y3\n"
    "9Ji60hWOeuoikCy4lHg7afF8VPohzAawZFudcI4dHNOdyEDjQen4oKnG/U6dxend\n"
    "zljD8YymcwKBgQCDeiWHNeoxxxXNQtEFJHlEdr96BZmKYI7Q1bjUOwofKYw368n8\n"
    "LIe2BhclZ7xk40rEmYIKdzHBE6gj5HHB15F1s5xw/rFGK7QvKb8w0JFISEkdnk4C\n"
    "C9pxtGVPPfN+oPtCrrF0Cw+XCGSEbhNIK2RqkVZLklKlwCSekYkEIgMjIQKBgQDH\n"
    "EHiQLfu7IxRXdTM0yJ5jaEqcVATDWSLNsiFDc0X3uFdbCntJn1x4vlMaNlgmDFAR\n"
    "RlaqZDICpp11E+IYsIGf1AdlsnO/th74Wmuqq8qkN77gJLdr59AoXW9v2Wx28un+\n"
    "rmYMjnhLYyC+jTHVkA8iuM6p6tLwPwqlSOUDVauchQKBgQDiDc3F/X43wpC/hxAE\n"
    "AEBsZX6zczTt4/RAUN6hEmWKhy6vY9g96xksc+mv6uyq9+HRjVsANuwaAVs6eIIU\n"
    "QI1dO+ST9GliYEppad/ja6HUU+hn8NSvUVntYHiyQRKw/zXdygjeF/fKhmftfwmS\n"
    "JRBcoVPKluSMTOOkc1ghL6l/+g==\n"
    "-----END PRIVATE KEY-----\n";

const char *const RsaTestSignature =
     "878b295aab8bb19c4de02701fc4ea21ca6a79f8cf4a44f12f58f37573ee7e9c2"
     "22f3a09408c333fe62160b033892fddf4f0289c517934e80bc13006c75e9dd0b"
     "25654d4ead98fd9121939a229d605ab7b020e9d50e418081080af1467f7db33b"
     "60299e1a26d4665c646e78dde62466714c61be603a44ba769471f37b8132e6eb"
     "47860f623bfd93fc24c88d5c0b41de3c50217dc2dd585d31c3c525dccb0feeb3"
     "173aeaf13d94bd75c99d074ddee611489d4530a02b0c8375e682700fb052ea44"
     "3f01ff5db980c3e9095f828097662e0f8ca0735e31a47a1db33df9b73e58d905"
     "40c8c48c99101978bc985350a0adde1d7e05591fedc27add49b483dbb32bb077";

const char *const EcdsaTestKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBJuSl4agECdQ/7G4\n"
    "LgmRy8liP1sKlxWNQ5VRBPHKfzWhRANCAARMLbtKbDlV/r88Kg47tBsqPLjkcMTh\n"
    "fD/dzqL5hYgX+GtQPmTB+mHMHkP4M/pydo2b74kEkQEfG9VqFpw0L76r\n"
    "-----END PRIVATE KEY-----\n";

const char *const EcdsaTestSignature =
     "3045022100e2add95a6333cb1713185e8d8289545626767ec0d137e98a963e2e"
     "2589150b2302201b04257196109dd1e1e2e13987b5680383649d7e4ac46f0006"
     "f6ad901cc68ec5";

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArrayView(text).toByteArray());
}

QByteArray flipBit(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes[index] ^ 0x01);
    return bytes;
}

std::unexpected<Error> failed(const char *vector, const QString &what)
{
    return fail(ErrorCode::SelfTestFailed, QLatin1StringView(vector) + u": "_s + what);
}

const SignatureVector SignatureVectors[] = {
    {"RSASSA-PSS-SHA256 known answer and round trip", RsaTestKey, SelfTestMessage, RsaTestSignature},
    {"ECDSA P-256 SHA-256 known answer and round trip", EcdsaTestKey, SelfTestMessage, EcdsaTestSignature},
};

} // namespace

namespace Detail {

std::span<const Ed25519Vector> builtinEd25519Vectors()
{
    return Ed25519Vectors;
}

std::span<const HashVector> builtinHashVectors()
{
    return HashVectors;
}

std::span<const SignatureVector> builtinSignatureVectors()
{
    return SignatureVectors;
}

Result<void> checkHashVectors(std::span<const HashVector> vectors)
{
    for (const HashVector &v : vectors) {
        const QByteArray message(v.message);
        if (hash(v.algorithm, message) != hex(v.digest))
            return failed(v.name, u"one-shot digest differs"_s);
        // The streaming path must agree, split at an odd point.
        Hasher hasher(v.algorithm);
        hasher.addData(QByteArrayView(message).first(message.size() / 3));
        hasher.addData(QByteArrayView(message).sliced(message.size() / 3));
        if (hasher.result() != hex(v.digest))
            return failed(v.name, u"incremental digest differs"_s);
    }
    return {};
}

Result<void> checkEd25519Vectors(std::span<const Ed25519Vector> vectors)
{
    for (const Ed25519Vector &v : vectors) {
        const QByteArray message = hex(v.message);
        const QByteArray signature = hex(v.signature);
        auto key = PrivateKey::ed25519FromSeed(hex(v.seed));
        if (!key)
            return failed(v.name, key.error().toString());
        if (key->publicKey().raw() != hex(v.publicKey))
            return failed(v.name, u"derived public key differs"_s);
        auto signed_ = key->sign(message);
        if (!signed_ || *signed_ != signature)
            return failed(v.name, u"signature differs"_s);
        auto pub = PublicKey::fromRaw(KeyType::Ed25519, hex(v.publicKey));
        if (!pub || !pub->verify(message, signature))
            return failed(v.name, u"known signature does not verify"_s);
        if (pub->verify(message, flipBit(signature, 7)) || pub->verify(message, flipBit(signature, 40)))
            return failed(v.name, u"a signature with a flipped bit verifies"_s);
        if (pub->verify(QByteArray(message).append('\0'), signature))
            return failed(v.name, u"a signature verifies for another message"_s);
    }
    return {};
}

Result<void> checkSignatureVectors(std::span<const SignatureVector> vectors)
{
    for (const SignatureVector &v : vectors) {
        const char *name = v.name;
        auto key = PrivateKey::fromPem(QByteArrayView(v.privateKeyPem));
        if (!key)
            return failed(name, key.error().toString());
        const PublicKey pub = key->publicKey();
        const QByteArray message(v.message);
        const QByteArray known = hex(v.signature);
        if (!pub.verify(message, known))
            return failed(name, u"known-answer signature does not verify"_s);
        if (known.isEmpty() || pub.verify(message, flipBit(known, known.size() - 1)))
            return failed(name, u"a tampered known-answer signature verifies"_s);
        auto signature = key->sign(message);
        if (!signature)
            return failed(name, signature.error().toString());
        if (!pub.verify(message, *signature))
            return failed(name, u"own signature does not verify"_s);
        if (pub.verify(message, flipBit(*signature, signature->size() / 2)))
            return failed(name, u"a tampered signature verifies"_s);
        if (pub.verify(QByteArray(message).append('!'), *signature))
            return failed(name, u"a signature verifies for another message"_s);
    }
    return {};
}

} // namespace Detail

Result<void> runSelfTest()
{
    if (!Detail::ensureSodium())
        return fail(ErrorCode::SelfTestFailed, u"libsodium failed to initialise"_s);
    if (!Detail::sha256Md() || !Detail::sha512Md())
        return fail(ErrorCode::SelfTestFailed, u"OpenSSL provides no SHA-256/SHA-512"_s);
    if (auto r = checkHashVectors(HashVectors); !r)
        return r;
    if (auto r = checkEd25519Vectors(Ed25519Vectors); !r)
        return r;
    return checkSignatureVectors(SignatureVectors);
}

} // namespace Uptane::Crypto
